package dev.arbiter.task.session;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one definition of a session's active time, which the lab's spend and pay both use, in whole
 * seconds, never negative, never past the moment the session stops counting (a claim's lease, or the
 * same span for a revision or review), never more than the wall-clock time from opening to closing.
 *
 * <p>A session with recorded events counts the time with interaction: the log is put on the server's
 * time line ({@link ClockSanity}), the opening and the end (closing, or where it stops counting) are
 * added as bounds, and each stretch between two neighbouring moments counts when it is no longer than
 * the idle gap; a longer one counts not at all (the expert was away, not slow). The workbench says so
 * itself with {@code idle}: the stretch that ends in an {@code idle} event and the one after it, until
 * the next event, never count. Leaving the page ({@code blur}) is not idleness by itself: a short look
 * at another tab is part of careful work, a long one is an idle gap anyway. A missing batch costs
 * nothing when its neighbours are within the gap, and batches count in {@code seq} order whatever
 * order they arrived in.
 *
 * <p>A session with no events keeps the wall-clock rule: the workbench that records them does not
 * exist yet, and until it does every session is one of these.
 */
public final class ActiveTime {

    private ActiveTime() {
    }

    /** Wall-clock time from opening to closing, never past {@code countsUntil}: a session without recorded events. */
    public static long seconds(Instant openedAt, Instant closedAt, Instant countsUntil) {
        return horizonMillis(openedAt, closedAt, countsUntil) / 1000;
    }

    /** Time with interaction, from the session's recorded batches (in any order); wall-clock time when they hold no event. */
    public static long seconds(Instant openedAt, Instant closedAt, Instant countsUntil, List<RecordedBatch> log,
                               Duration idleGap) {
        List<TimedEvent> events = ClockSanity.apply(openedAt, closedAt, log).events();
        if (events.isEmpty()) {
            return seconds(openedAt, closedAt, countsUntil);
        }
        long end = horizonMillis(openedAt, closedAt, countsUntil);
        long gap = idleGap.toMillis();
        long active = 0;
        long previous = 0;
        boolean previousIdle = false;
        for (TimedEvent e : events) {
            long t = Math.min(e.t(), end);
            boolean idle = e.type() == EventType.IDLE;
            active += counted(t - previous, previousIdle || idle, gap);
            previous = t;
            previousIdle = idle;
        }
        active += counted(end - previous, previousIdle, gap);
        return active / 1000;
    }

    private static long counted(long stretch, boolean idle, long gap) {
        return idle || stretch > gap ? 0 : stretch;
    }

    /** Milliseconds from opening to the earlier of closing and the end of counting; 0 if that is before opening. */
    private static long horizonMillis(Instant openedAt, Instant closedAt, Instant countsUntil) {
        Instant end = closedAt.isAfter(countsUntil) ? countsUntil : closedAt;
        return end.isAfter(openedAt) ? Duration.between(openedAt, end).toMillis() : 0;
    }
}
