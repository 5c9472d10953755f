package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import dev.arbiter.task.session.signal.Provenance.Origin;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code external_paste_share} (input provenance): the share of the final written text that was pasted
 * from outside the page, the figure exports carry as {@code external_paste_share}.
 *
 * <p>Every character is followed through the edits ({@link Provenance}), so pasted text that was then
 * deleted or typed over no longer counts, and a paste counts as a quote only when its text occurs in
 * the responses ({@link Quotes}). The denominator is the submitted text ({@code finalTexts}), or the
 * rebuilt text when nothing was submitted; a field whose rebuilt text is longer than the submitted one
 * (a missing batch) counts no more outside characters than it has.
 */
public final class ExternalPasteShare {

    public static final String NAME = "external_paste_share";

    /** The signal, and the share itself (0..1) for the session's provenance. */
    public record Result(Signal signal, double share) {
    }

    private ExternalPasteShare() {
    }

    public static Result compute(SessionEvidence evidence, SignalThresholds thresholds) {
        return compute(evidence, thresholds, Quotes.of(evidence.responses()));
    }

    public static Result compute(SessionEvidence evidence, SignalThresholds thresholds, Quotes quotes) {
        Map<String, Provenance> fields = new HashMap<>();
        EvidenceList points = new EvidenceList();
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            if (e.field() == null || e.pos() == null) {
                continue;
            }
            if (e.type() == EventType.INPUT && e.ins() != null && e.del() != null) {
                fields.computeIfAbsent(e.field(), f -> new Provenance()).replace(e.pos(), e.del(), e.ins().length(), Origin.TYPED);
            } else if (e.type() == EventType.PASTE && e.text() != null) {
                boolean quote = quotes.isQuote(e.text());
                fields.computeIfAbsent(e.field(), f -> new Provenance())
                        .replace(e.pos(), 0, e.text().length(), quote ? Origin.QUOTED : Origin.EXTERNAL);
                if (!quote) {
                    points.event(timed, "pasted " + e.text().length() + " characters from outside the page"
                            + (e.source() == PasteSource.INTERNAL ? " (marked internal, but not found in the responses)" : ""));
                }
            }
        }
        long external = 0;
        long total = 0;
        Map<String, String> finals = evidence.finalTexts() == null ? Map.of() : evidence.finalTexts();
        if (finals.isEmpty()) {
            for (Provenance p : fields.values()) {
                external += p.count(Origin.EXTERNAL);
                total += p.length();
            }
        } else {
            for (Map.Entry<String, String> f : finals.entrySet()) {
                int length = f.getValue() == null ? 0 : f.getValue().length();
                Provenance p = fields.get(f.getKey());
                external += p == null ? 0 : Math.min(length, p.count(Origin.EXTERNAL));
                total += length;
            }
        }
        double share = total == 0 ? 0 : (double) external / total;
        boolean fired = share >= thresholds.externalPasteShare() && external >= thresholds.externalPasteMinChars();
        String summary = String.format("%d of %d characters of the final text were pasted from outside the page (%.0f%%)",
                external, total, share * 100);
        Signal signal = new Signal(NAME, SignalFamily.INPUT_PROVENANCE, share, thresholds.externalPasteShare(),
                Signal.Direction.AT_LEAST, fired, summary, points.list());
        return new Result(signal, share);
    }
}
