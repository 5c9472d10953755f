package dev.arbiter.task.session;

import java.time.Duration;
import java.time.Instant;

/**
 * The one definition of a session's active time, which the lab's spend and pay both use: the time
 * from opening to closing, never past the moment the session stops counting (a claim's lease, or the
 * same span for a revision), never negative, in whole seconds.
 *
 * <p>Until the workbench records interaction events this is wall-clock time; recorded sessions will
 * refine it here, and only here, by leaving out idle gaps.
 */
public final class ActiveTime {

    private ActiveTime() {
    }

    public static long seconds(Instant openedAt, Instant closedAt, Instant countsUntil) {
        Instant end = closedAt.isAfter(countsUntil) ? countsUntil : closedAt;
        return end.isAfter(openedAt) ? Duration.between(openedAt, end).toSeconds() : 0;
    }
}
