package dev.arbiter.bench.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects latency samples from many threads without contention: each worker writes to its own
 * {@link Series}, merged only when the figures are read. Keeps every sample (a 20 s run at a few
 * thousand requests per second is a few hundred kilobytes), so percentiles are exact.
 */
public final class LatencyRecorder {

    private final List<Series> series = new ArrayList<>();
    private long elapsedNanos;

    /** A series for one worker thread; not thread-safe itself. */
    public synchronized Series newSeries() {
        Series s = new Series();
        series.add(s);
        return s;
    }

    /** Adds wall time during which this recorder's series were being written. */
    public synchronized void addElapsed(long nanos) {
        elapsedNanos += nanos;
    }

    public synchronized LatencyStats stats() {
        int total = series.stream().mapToInt(s -> s.size).sum();
        long[] all = new long[total];
        int at = 0;
        long errors = 0;
        for (Series s : series) {
            System.arraycopy(s.samples, 0, all, at, s.size);
            at += s.size;
            errors += s.errors;
        }
        return LatencyStats.ofNanos(all, errors, elapsedNanos);
    }

    /** One worker's samples. */
    public static final class Series {
        private long[] samples = new long[1024];
        private int size;
        private long errors;
        private String firstError;

        public void record(long nanos) {
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, size * 2);
            }
            samples[size++] = nanos;
        }

        public void error(String what) {
            if (firstError == null) {
                firstError = what;
            }
            errors++;
        }

        public String firstError() {
            return firstError;
        }
    }

    /** The first error any series saw, or null. */
    public synchronized String firstError() {
        return series.stream().map(Series::firstError).filter(e -> e != null).findFirst().orElse(null);
    }
}
