package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code blur_then_burst} (attention): leaving the page and, within {@code burstWindowMillis} of coming
 * back, text appearing that was not written here: pasted from outside (a paste that is a quote from the
 * responses does not count, {@link Quotes}) or typed with no keystrokes behind it (characters of
 * {@code input} events beyond the keystrokes counted in the same window). That is what fetching an
 * answer from another tool looks like. Leaving the page to look something up and typing afterwards is
 * not a burst: typed text with its keystrokes never counts, whatever the speed (that is
 * {@link InhumanTyping}'s to judge). Blurs shorter than {@code burstMinAwayMillis} are not leaving.
 *
 * <p>The value is the most characters brought back after one return.
 */
public final class BlurThenBurst {

    public static final String NAME = "blur_then_burst";

    private BlurThenBurst() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        return compute(evidence, thresholds, Quotes.of(evidence.responses()));
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds, Quotes quotes) {
        TimedEvent blur = null;
        Window window = null;
        long best = 0;
        int returns = 0;
        EvidenceList points = new EvidenceList();
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            long t = timed.t();
            if (window != null && (t > window.until || e.type() == EventType.BLUR)) {
                best = Math.max(best, window.close(thresholds, points));
                window = null;
            }
            switch (e.type()) {
                case BLUR -> {
                    if (blur == null) {
                        blur = timed;
                    }
                }
                case FOCUS -> {
                    if (blur != null && t - blur.t() >= thresholds.burstMinAwayMillis()) {
                        window = new Window(blur, timed, t + thresholds.burstWindowMillis());
                        returns++;
                    }
                    blur = null;
                }
                case PASTE -> {
                    if (window != null && e.text() != null && !quotes.isQuote(e.text())) {
                        window.pasted += e.text().length();
                        window.events.add(timed);
                    }
                }
                case INPUT -> {
                    if (window != null && e.ins() != null && !e.ins().isEmpty()) {
                        window.typed += e.ins().length();
                        if (e.ins().length() > 1) {
                            window.events.add(timed);
                        }
                    }
                }
                case KEY -> {
                    if (window != null && e.count() != null) {
                        window.keys += e.count();
                    }
                }
                default -> {
                }
            }
        }
        if (window != null) {
            best = Math.max(best, window.close(thresholds, points));
        }
        boolean fired = best >= thresholds.burstChars();
        String summary = String.format("at most %d characters not typed here appeared within %d s of coming back "
                + "(%d returns to the page after %d s or more away)", best, thresholds.burstWindowMillis() / 1000, returns,
                thresholds.burstMinAwayMillis() / 1000);
        return new Signal(NAME, SignalFamily.ATTENTION, best, thresholds.burstChars(), Signal.Direction.AT_LEAST, fired, summary,
                points.list());
    }

    /** The stretch after one return to the page. */
    private static final class Window {
        final TimedEvent blur;
        final TimedEvent focus;
        final long until;
        final List<TimedEvent> events = new ArrayList<>();
        long pasted;
        long typed;
        long keys;

        Window(TimedEvent blur, TimedEvent focus, long until) {
            this.blur = blur;
            this.focus = focus;
            this.until = until;
        }

        /** Characters brought back; the window's events become evidence when they reach the threshold. */
        long close(SignalThresholds thresholds, EvidenceList points) {
            long burst = pasted + Math.max(0, typed - keys);
            if (burst >= thresholds.burstChars()) {
                points.event(blur, String.format("left the page for %d s", (focus.t() - blur.t()) / 1000));
                points.event(focus, burst + " characters not typed here within the next "
                        + thresholds.burstWindowMillis() / 1000 + " s");
                for (TimedEvent e : events) {
                    points.event(e, e.type() == EventType.PASTE ? "pasted " + e.event().text().length() + " characters"
                            : e.event().ins().length() + " characters in one input");
                }
            }
            return burst;
        }
    }
}
