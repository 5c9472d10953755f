package dev.arbiter.task.session;

import dev.arbiter.task.session.model.ClockReport;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a session's events on the server's time line. The browser's {@code t} is all we know of when
 * something happened inside a batch, but it comes from a machine we do not control, so it is bounded
 * by what the server saw, and every correction is counted (evidence for signals, never time to pay):
 * <ul>
 *   <li>an event cannot have happened after its batch arrived: {@code t} above the server's elapsed time
 *       at receipt is <b>ahead</b> and comes down to it;</li>
 *   <li>an event cannot have happened after the session closed: {@code t} above close − open is
 *       <b>pastClose</b> (late batches flushed after submit are legitimate; their times are not);</li>
 *   <li>the log runs forwards: in {@code seq} order, then in batch order, an event earlier than the one
 *       before it is <b>backwards</b> and takes the previous time.</li>
 * </ul>
 * Each corrected event is counted once, under the first rule it broke. Batches are taken in
 * {@code seq} order whatever order they arrived in; a missing batch leaves no hole in the rules (its
 * neighbours are simply adjacent).
 */
public final class ClockSanity {

    /** The corrected events in log order (so their times never decrease) and the count of corrections. */
    public record SaneLog(List<TimedEvent> events, ClockReport report) {
    }

    private ClockSanity() {
    }

    /** {@code closedAt} is null while the session is open. */
    public static SaneLog apply(Instant openedAt, Instant closedAt, List<RecordedBatch> batches) {
        long closeLimit = closedAt == null ? Long.MAX_VALUE : millisBetween(openedAt, closedAt);
        List<RecordedBatch> inOrder = new ArrayList<>(batches);
        inOrder.sort(Comparator.comparingInt(RecordedBatch::seq));
        List<TimedEvent> out = new ArrayList<>();
        int ahead = 0;
        int backwards = 0;
        int pastClose = 0;
        long previous = 0;
        for (RecordedBatch batch : inOrder) {
            long receiptLimit = millisBetween(openedAt, batch.receivedAt());
            for (SessionEvent e : batch.events()) {
                long t = e.t();
                if (t > receiptLimit) {
                    ahead++;
                } else if (t > closeLimit) {
                    pastClose++;
                }
                t = Math.min(t, Math.min(receiptLimit, closeLimit));
                if (t < previous) {
                    backwards++;
                    t = previous;
                }
                previous = t;
                out.add(new TimedEvent(batch.seq(), batch.receivedAt(), e.t(), e.at(t)));
            }
        }
        return new SaneLog(List.copyOf(out), new ClockReport(ahead, backwards, pastClose));
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
