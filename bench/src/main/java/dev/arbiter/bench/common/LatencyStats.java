package dev.arbiter.bench.common;

import java.util.Arrays;

/**
 * Latency percentiles (nearest rank) and throughput of one measured series. Times are in
 * milliseconds; {@code perSecond} is successful operations per second of measured wall time.
 */
public record LatencyStats(long count, long errors, double seconds, double perSecond,
                           double p50, double p90, double p99, double max) {

    /** From raw samples in nanoseconds; {@code elapsedNanos} is the wall time they were taken in. */
    public static LatencyStats ofNanos(long[] samples, long errors, long elapsedNanos) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        return new LatencyStats(sorted.length, errors, seconds, seconds > 0 ? sorted.length / seconds : 0,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of sorted samples; 0 when there are none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
