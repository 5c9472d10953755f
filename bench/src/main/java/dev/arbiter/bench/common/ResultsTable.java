package dev.arbiter.bench.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints figures as an aligned table, then ratio lines that compare a measured row with its
 * baseline ({@code gateway / direct: throughput 0.91x, p50 1.12x, p99 1.20x}).
 */
public final class ResultsTable {

    private final String title;
    private final String unit;
    private final List<String> labels = new ArrayList<>();
    private final List<LatencyStats> rows = new ArrayList<>();
    private final List<String> ratios = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code unit} names what {@code perSecond} counts: {@code req/s}, {@code events/s}. */
    public ResultsTable(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public ResultsTable row(String label, LatencyStats stats) {
        labels.add(label);
        rows.add(stats);
        return this;
    }

    /** A line comparing {@code measured} with {@code baseline}: throughput and p50/p99 latency ratios. */
    public ResultsTable ratio(String label, LatencyStats measured, LatencyStats baseline) {
        double throughput = measured.perSecond() / baseline.perSecond();
        double p50 = measured.p50() / baseline.p50();
        double p99 = measured.p99() / baseline.p99();
        ratios.add(String.format(Locale.ROOT, "%-40s throughput %.2fx (%+.1f%%)   p50 %.2fx (%+.1f%%)   p99 %.2fx (%+.1f%%)",
                label, throughput, (throughput - 1) * 100, p50, (p50 - 1) * 100, p99, (p99 - 1) * 100));
        return this;
    }

    /** A free-form ratio or verdict line. */
    public ResultsTable line(String text) {
        ratios.add(text);
        return this;
    }

    public ResultsTable note(String text) {
        notes.add(text);
        return this;
    }

    public void print(PrintStream out) {
        int width = Math.max(24, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
        String head = String.format(Locale.ROOT, "%-" + width + "s %9s %7s %10s %9s %9s %9s %9s",
                "", "count", "errors", unit, "p50 ms", "p90 ms", "p99 ms", "max ms");
        out.println();
        out.println("== " + title);
        out.println(head);
        out.println("-".repeat(head.length()));
        for (int i = 0; i < rows.size(); i++) {
            LatencyStats s = rows.get(i);
            out.println(String.format(Locale.ROOT, "%-" + width + "s %9d %7d %10.1f %9.2f %9.2f %9.2f %9.2f",
                    labels.get(i), s.count(), s.errors(), s.perSecond(), s.p50(), s.p90(), s.p99(), s.max()));
        }
        if (!ratios.isEmpty()) {
            out.println();
            ratios.forEach(r -> out.println("  " + r));
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("  note: " + n));
        }
        out.println();
    }
}
