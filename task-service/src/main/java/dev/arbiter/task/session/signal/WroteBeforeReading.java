package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.List;

/**
 * {@code wrote_before_reading} (attention): the rationale was begun before even the shorter response
 * could have been read. {@link ReadingTime} credits pauses in the writing as reading, rightly (people look
 * back at the responses as they write), so on short responses that fit on the screen a few seconds'
 * glance plus the pauses of typing add up to enough; what does not, is the time before the first word:
 * a rationale is a judgment of what was read, and people read at least one response before they judge
 * it. The yardstick is the shorter response, not both: experts who write as they go (read A, note on A,
 * read B) must not fire.
 *
 * <p>The value is the reading credited before the first text (by {@link ReadingTime}'s rules) as a share
 * of what the shorter response needs at {@code readingWordsPerMinute}; it fires at
 * {@code readFirstMinShare} or less. Not judged when the responses are too short for
 * {@code reading_time}, or nothing was written.
 */
public final class WroteBeforeReading {

    public static final String NAME = "wrote_before_reading";

    private WroteBeforeReading() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        return compute(ReadingTime.measure(evidence, thresholds), evidence, thresholds);
    }

    static Signal compute(ReadingTime.Measure m, SessionEvidence evidence, SignalThresholds thresholds) {
        if (m.totalWords() < thresholds.readingMinWords() || m.firstText() < 0 || m.shortestWords() == 0) {
            return new Signal(NAME, SignalFamily.ATTENTION, 1, thresholds.readFirstMinShare(), Signal.Direction.AT_MOST, false,
                    m.firstText() < 0 ? "nothing written" : m.totalWords() + " words to read, too few to judge", List.of());
        }
        double needed = m.shortestWords() * 60_000 / thresholds.readingWordsPerMinute();
        double share = m.creditedBeforeText() / needed;
        boolean fired = share <= thresholds.readFirstMinShare();
        EvidenceList points = new EvidenceList();
        if (fired) {
            for (TimedEvent t : evidence.events()) {
                if (t.t() == m.firstText() && (t.type() == EventType.INPUT || t.type() == EventType.PASTE)) {
                    points.event(t, String.format("the first text, %.0f s after opening, with %.0f s of reading credited",
                            t.t() / 1000.0, m.creditedBeforeText() / 1000));
                    break;
                }
            }
        }
        String summary = String.format("%.0f s of reading before the first text, %.0f%% of the %.0f s the shorter response's %d words need",
                m.creditedBeforeText() / 1000, share * 100, needed / 1000, m.shortestWords());
        return new Signal(NAME, SignalFamily.ATTENTION, share, thresholds.readFirstMinShare(), Signal.Direction.AT_MOST, fired,
                summary, points.list());
    }
}
