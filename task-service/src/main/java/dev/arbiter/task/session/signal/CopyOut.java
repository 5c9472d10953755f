package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code copy_out} (attention): a whole response copied out of the page and the page left soon after.
 * To have another tool judge the item, its responses must get there; copying them and switching to that
 * tool is how they do. Experts copy too, but passages to quote (a sentence, a figure), which go back into
 * a field of this page. A copy counts as a whole response when it is at least {@code copyOutShare} of that
 * response's length and at least {@code copyOutMinChars} characters (a copy with no {@code label} is
 * compared with the longest response); it fires when the page is then left for
 * {@code burstMinAwayMillis} or more within {@code copyOutWindowMillis}.
 *
 * <p>The value is the characters copied out in such copies (each response once). It says nothing about
 * what was done with them, which is why it is one family's evidence only: what comes back is judged by
 * the input-provenance signals.
 */
public final class CopyOut {

    public static final String NAME = "copy_out";

    private CopyOut() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        Map<String, Integer> lengths = new HashMap<>();
        int longest = 0;
        if (evidence.responses() != null) {
            for (Map.Entry<String, String> r : evidence.responses().entrySet()) {
                if (!r.getKey().equals(ReadingTime.PROMPT) && r.getValue() != null) {
                    lengths.put(r.getKey(), r.getValue().length());
                    longest = Math.max(longest, r.getValue().length());
                }
            }
        }
        List<TimedEvent> pending = new ArrayList<>(); // whole-response copies not yet followed by leaving the page
        Map<String, Integer> copiedOut = new HashMap<>(); // response (or "?") -> characters copied out, once each
        TimedEvent blur = null;
        EvidenceList points = new EvidenceList();
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            long t = timed.t();
            if (blur == null) { // while away, the copies before leaving wait for the return
                pending.removeIf(c -> t - c.t() > thresholds.copyOutWindowMillis());
            }
            if (e.type() == EventType.COPY && e.length() != null) {
                Integer of = e.label() == null ? Integer.valueOf(longest) : lengths.get(e.label());
                if (of != null && of > 0 && e.length() >= thresholds.copyOutMinChars()
                        && e.length() >= thresholds.copyOutShare() * of) {
                    pending.add(timed);
                }
            } else if (e.type() == EventType.BLUR) {
                if (blur == null) {
                    blur = timed;
                }
            } else if (e.type() == EventType.FOCUS) {
                if (blur != null) {
                    left(blur, t, pending, copiedOut, thresholds, points);
                    pending.clear();
                }
                blur = null;
            }
        }
        if (blur != null) { // left and never came back before the session closed
            left(blur, Math.max(evidence.wallMillis(), blur.t()), pending, copiedOut, thresholds, points);
        }
        long value = copiedOut.values().stream().mapToLong(Integer::longValue).sum();
        boolean fired = !copiedOut.isEmpty() && value >= thresholds.copyOutMinChars();
        String summary = copiedOut.isEmpty() ? "no whole response copied out of the page before leaving it"
                : String.format("%d characters of %d whole response(s) copied before leaving the page within %d s", value,
                copiedOut.size(), thresholds.copyOutWindowMillis() / 1000);
        return new Signal(NAME, SignalFamily.ATTENTION, value, thresholds.copyOutMinChars(), Signal.Direction.AT_LEAST, fired,
                summary, points.list());
    }

    /** The page was left at {@code blur} until {@code back}: the whole-response copies just before it were copied out. */
    private static void left(TimedEvent blur, long back, List<TimedEvent> pending, Map<String, Integer> copiedOut,
                             SignalThresholds thresholds, EvidenceList points) {
        if (back - blur.t() < thresholds.burstMinAwayMillis()) {
            return;
        }
        for (TimedEvent c : pending) {
            if (c.t() <= blur.t() && blur.t() - c.t() <= thresholds.copyOutWindowMillis()) {
                String label = c.event().label() == null ? "?" : c.event().label();
                if (copiedOut.putIfAbsent(label, c.event().length()) == null) {
                    points.event(c, String.format("copied %d characters of response %s", c.event().length(), label));
                    points.event(blur, String.format("then left the page for %d s", (back - blur.t()) / 1000));
                }
            }
        }
    }
}
