package dev.arbiter.task.session;

import dev.arbiter.task.session.model.SessionState;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a session takes another batch now. An open session does, within its bounds; a closed one
 * still does for a short grace (the workbench flushes its last batch as the expert submits, and that
 * request may well arrive after the submit), then never again, so that the log a digest was published
 * for stays the log. The bounds keep one session from flooding the store: at most {@code burst} batches
 * plus one per second the session has been open, and at most {@code maxLogBytes} in all.
 */
public final class BatchAdmission {

    public enum Decision {
        ACCEPT,
        /** Closed longer ago than the grace: 409. */
        TOO_LATE,
        /** More batches than the session's age allows: 429. */
        TOO_FAST,
        /** The session's log would outgrow its bound: 409. */
        LOG_FULL
    }

    /** The bounds, from configuration. */
    public record Limits(Duration lateGrace, int burst, long maxLogBytes) {
    }

    /** What the session holds so far and the database's clock. */
    public record Session(SessionState state, Instant openedAt, Instant closedAt, int batchCount, long logBytes, Instant now) {
    }

    private BatchAdmission() {
    }

    public static Decision decide(Session s, int batchBytes, Limits limits) {
        if (!s.state().open() && s.now().isAfter(s.closedAt().plus(limits.lateGrace()))) {
            return Decision.TOO_LATE;
        }
        long openSeconds = Math.max(0, Duration.between(s.openedAt(), s.now()).toSeconds());
        if (s.batchCount() >= limits.burst() + openSeconds) {
            return Decision.TOO_FAST;
        }
        if (s.logBytes() + batchBytes > limits.maxLogBytes()) {
            return Decision.LOG_FULL;
        }
        return Decision.ACCEPT;
    }
}
