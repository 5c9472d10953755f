package dev.arbiter.marketplace.account.limit;

import java.time.Duration;

/**
 * How long repeated failed sign-ins make the next attempt wait: a pure function of the failures counted
 * and the time since the last one. The first {@code freeFailures} cost nothing (typos); each one after
 * doubles the wait from {@code baseDelay}, never beyond {@code maxDelay}, so nobody is ever locked out for
 * longer than that after the last failure; and each {@code decay} of quiet forgives one failure, so the
 * count runs down by itself.
 */
public record LoginBackoff(int freeFailures, Duration baseDelay, Duration maxDelay, Duration decay) {

    public LoginBackoff {
        if (freeFailures < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || decay.isNegative()
                || decay.isZero()) {
            throw new IllegalArgumentException("A back-off needs free failures >= 0, 0 <= base <= max and a positive decay");
        }
    }

    /** The failures still counted {@code quiet} after the last of {@code failures}. */
    public int remembered(int failures, Duration quiet) {
        long forgiven = Math.max(0, quiet.toNanos()) / decay.toNanos();
        return (int) Math.max(0, failures - forgiven);
    }

    /** The wait that the {@code failures}-th failure in a row imposes. */
    public Duration delayAfter(int failures) {
        int doublings = failures - freeFailures - 1;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        if (doublings >= 40) {
            return maxDelay;
        }
        long nanos = baseDelay.toNanos();
        long delayed = nanos > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : nanos << doublings;
        return delayed >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos(delayed);
    }

    /** How much longer the next attempt must wait, {@code quiet} after the last of {@code failures}. */
    public Duration remainingWait(int failures, Duration quiet) {
        Duration left = delayAfter(failures).minus(quiet);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
