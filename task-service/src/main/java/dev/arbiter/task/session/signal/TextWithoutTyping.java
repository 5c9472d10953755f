package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code text_without_typing} (input provenance): characters that appeared in a field through
 * {@code input} events with no keystrokes behind them: the {@code key} events' {@code count} in the same
 * field falls short of the characters typed there. That is what an auto-filler or a script setting the
 * field's value looks like. People press more keys than they leave characters (corrections, arrows,
 * shift), so the comparison is per field over the whole session; the few characters a spell-checker or
 * an autocomplete puts in without a key stay far below the threshold. Pastes are not counted here (they
 * are {@link ExternalPasteShare}'s).
 */
public final class TextWithoutTyping {

    public static final String NAME = "text_without_typing";

    private TextWithoutTyping() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        Map<String, long[]> fields = new HashMap<>(); // field -> {characters typed, keystrokes}
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            if (e.field() == null) {
                continue;
            }
            if (e.type() == EventType.INPUT && e.ins() != null) {
                fields.computeIfAbsent(e.field(), f -> new long[2])[0] += e.ins().length();
            } else if (e.type() == EventType.KEY && e.count() != null) {
                fields.computeIfAbsent(e.field(), f -> new long[2])[1] += e.count();
            }
        }
        long untyped = 0;
        long typed = 0;
        Map<String, Long> short_ = new HashMap<>();
        for (Map.Entry<String, long[]> f : fields.entrySet()) {
            long missing = Math.max(0, f.getValue()[0] - f.getValue()[1]);
            typed += f.getValue()[0];
            untyped += missing;
            if (missing > 0) {
                short_.put(f.getKey(), missing);
            }
        }
        boolean fired = untyped >= thresholds.untypedChars();
        String summary = String.format("%d of %d characters typed into the fields had no keystroke behind them%s", untyped,
                typed, short_.isEmpty() ? "" : " (" + String.join(", ", short_.keySet().stream().sorted()
                        .map(f -> f + ": " + short_.get(f)).toList()) + ")");
        return new Signal(NAME, SignalFamily.INPUT_PROVENANCE, untyped, thresholds.untypedChars(), Signal.Direction.AT_LEAST,
                fired, summary, fired ? pointAt(evidence, short_) : List.of());
    }

    /** The largest insertions in the fields that fell short, earliest first among equals. */
    private static List<Signal.Evidence> pointAt(SessionEvidence evidence, Map<String, Long> fields) {
        List<TimedEvent> inputs = new ArrayList<>();
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            if (e.type() == EventType.INPUT && e.ins() != null && !e.ins().isEmpty() && fields.containsKey(e.field())) {
                inputs.add(timed);
            }
        }
        inputs.sort(Comparator.comparingInt((TimedEvent t) -> -t.event().ins().length()).thenComparingLong(TimedEvent::t));
        EvidenceList points = new EvidenceList();
        for (TimedEvent t : inputs.subList(0, Math.min(EvidenceList.MAX, inputs.size()))) {
            points.event(t, t.event().ins().length() + " characters in one input");
        }
        return points.list();
    }
}
