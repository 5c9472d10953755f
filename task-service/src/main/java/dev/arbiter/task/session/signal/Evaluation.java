package dev.arbiter.task.session.signal;

import java.util.List;
import java.util.Set;

/**
 * The signals of one session and what they add up to: {@code flagged} when signals of at least two
 * families fired. {@code externalPasteShare} (0..1) is the share of the final written text pasted from
 * outside the page, which exports carry as provenance. {@code reach} is how deep the session's text refers into
 * its responses, and {@code firstRead} how well the best-read response was read before the first text (NaN when not
 * judged), which the finaliser stores for the expert's later sessions ({@link ReferenceRecord}, {@link GlanceRecord}).
 */
public record Evaluation(List<Signal> signals, Set<SignalFamily> firedFamilies, boolean flagged, double externalPasteShare,
                         ReferenceReach.Reach reach, double firstRead) {
}
