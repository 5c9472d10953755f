package dev.arbiter.bench.common;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a workload saw during one phase (a fault, a load step), per request kind: latencies of the answers it
 * counted as right, and errors by class ({@code connect refused}, {@code timeout}, {@code HTTP 503}, ...). Written
 * from many threads.
 */
public final class PhaseStats {

    private final String name;
    private final Map<String, Samples> byKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private volatile long endedNanos;

    public PhaseStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void ok(String kind, long nanos) {
        byKind.computeIfAbsent(kind, k -> new Samples()).add(nanos);
    }

    public void error(String kind, String errorClass) {
        errors.computeIfAbsent(kind + ": " + errorClass, k -> new AtomicLong()).incrementAndGet();
    }

    public void end() {
        endedNanos = System.nanoTime();
    }

    public double seconds() {
        return ((endedNanos == 0 ? System.nanoTime() : endedNanos) - startedNanos) / 1e9;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> errorsByClass() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** All kinds together. */
    public LatencyStats all() {
        long[] all = byKind.values().stream().map(Samples::snapshot).flatMapToLong(Arrays::stream).toArray();
        return LatencyStats.ofNanos(all, errorCount(), (long) (seconds() * 1e9));
    }

    public Map<String, LatencyStats> perKind() {
        Map<String, LatencyStats> out = new TreeMap<>();
        byKind.forEach((k, s) -> out.put(k, LatencyStats.ofNanos(s.snapshot(), errors.entrySet().stream()
                .filter(e -> e.getKey().startsWith(k + ": ")).mapToLong(e -> e.getValue().get()).sum(), (long) (seconds() * 1e9))));
        return out;
    }

    /** The phase as a table: one row per kind, then its errors by class. */
    public void print(PrintStream out) {
        ResultsTable table = new ResultsTable(String.format(Locale.ROOT, "%s (%.0f s)", name, seconds()), "ok/s");
        perKind().forEach(table::row);
        table.row("all requests", all());
        errorsByClass().forEach((k, v) -> table.line(String.format(Locale.ROOT, "error %-60s %7d", k, v)));
        if (errors.isEmpty()) {
            table.line("no client errors");
        }
        table.print(out);
    }

    private static final class Samples {
        private long[] values = new long[256];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(values, size);
        }
    }
}
