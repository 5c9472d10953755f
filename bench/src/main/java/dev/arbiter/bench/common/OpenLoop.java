package dev.arbiter.bench.common;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A fixed arrival rate: request {@code i} is due at {@code start + i / rate}, whatever happened to the ones
 * before it (open loop, unlike {@link LoadLoop}'s closed-loop workers). The tick only starts a request
 * (asynchronously); when the dispatcher falls behind, late ticks fire at once with their original due time,
 * so a request that could not start on time still counts its latency from when it was due.
 */
public final class OpenLoop {

    /** Starts one request due at {@code dueNanos} (a {@link System#nanoTime()} value); must not block. */
    @FunctionalInterface
    public interface Tick {
        void fire(long dueNanos, long index);
    }

    private OpenLoop() {
    }

    /** Fires ticks at {@code perSecond} for {@code duration}; answers how many were fired. */
    public static long run(double perSecond, Duration duration, Tick tick) {
        long end = duration.toNanos();
        return run(perSecond, () -> false, end, tick);
    }

    /** Fires ticks at {@code perSecond} until {@code stop} says so. */
    public static long runUntil(double perSecond, BooleanSupplier stop, Tick tick) {
        return run(perSecond, stop, Long.MAX_VALUE, tick);
    }

    private static long run(double perSecond, BooleanSupplier stop, long endNanos, Tick tick) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        long i = 0;
        while (!stop.getAsBoolean()) {
            long offset = (long) (i * interval);
            if (offset >= endNanos) {
                break;
            }
            long due = start + offset;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            tick.fire(due, i++);
        }
        return i;
    }
}
