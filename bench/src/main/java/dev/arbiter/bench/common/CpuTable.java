package dev.arbiter.bench.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what one request of each scenario cost in CPU, per part of the stack ({@link ProcessCpu}), and for a
 * pair of scenarios (a path and its baseline) what the difference costs and the throughput ratio that cost alone
 * would give on a machine whose cores are all busy.
 */
public final class CpuTable {

    private final Map<String, Map<String, Double>> perRequest;
    private final Map<String, Double> background;
    private final List<String> lines = new ArrayList<>();
    private String unit = "request";
    private boolean compared;

    public CpuTable(Map<String, Map<String, Double>> perRequest, Map<String, Double> background) {
        this.perRequest = perRequest;
        this.background = background;
    }

    /** What one row's operation is called in the title ({@code request} unless told). */
    public CpuTable per(String unit) {
        this.unit = unit;
        return this;
    }

    /** Whether there is anything to print ({@code /proc} was readable). */
    public boolean isEmpty() {
        return perRequest.isEmpty();
    }

    /** A line on what {@code measured} costs over {@code baseline}, with {@code part} (the one it adds) named. */
    public CpuTable compare(String label, String measured, String baseline, String part) {
        Map<String, Double> m = perRequest.get(measured);
        Map<String, Double> b = perRequest.get(baseline);
        if (m == null || b == null) {
            return this;
        }
        double mt = total(m);
        double bt = total(b);
        if (mt <= 0) {
            return this;
        }
        double partExtra = m.getOrDefault(part, 0.0) - b.getOrDefault(part, 0.0);
        compared = true;
        lines.add(String.format(Locale.ROOT,
                "%-28s costs %.3f ms more than %.3f ms (%s %+.3f, the rest %+.3f): CPU-bound ratio %.2fx",
                label, mt - bt, bt, part, partExtra, mt - bt - partExtra, bt / mt));
        return this;
    }

    /** A line on how many cores {@code scenario} would keep busy at {@code perSecond} operations a second. */
    public CpuTable demand(String scenario, double perSecond) {
        Map<String, Double> parts = perRequest.get(scenario);
        if (parts != null) {
            double cores = total(parts) * perSecond / 1000;
            lines.add(String.format(Locale.ROOT, "%-40s at %,.0f/s would keep %.2f cores busy (this machine has %d)",
                    scenario, perSecond, cores, Runtime.getRuntime().availableProcessors()));
        }
        return this;
    }

    public void print(PrintStream out) {
        if (isEmpty()) {
            return;
        }
        int width = Math.max(24, perRequest.keySet().stream().mapToInt(String::length).max().orElse(0) + 2);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ""));
        ProcessCpu.PARTS.forEach(part -> head.append(String.format(Locale.ROOT, " %15s", shortName(part))));
        head.append(String.format(Locale.ROOT, " %9s", "total"));
        out.println();
        out.println("== CPU per " + unit + ", ms (user + system from /proc, every thread; idle background taken out)");
        out.println(head);
        out.println("-".repeat(head.length()));
        perRequest.forEach((scenario, parts) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", scenario));
            ProcessCpu.PARTS.forEach(part -> row.append(String.format(Locale.ROOT, " %15.3f", parts.getOrDefault(part, 0.0))));
            row.append(String.format(Locale.ROOT, " %9.3f", total(parts)));
            out.println(row);
        });
        out.println();
        lines.forEach(line -> out.println("  " + line));
        StringBuilder idle = new StringBuilder("background (cores, idle):");
        background.forEach((part, cores) -> idle.append(String.format(Locale.ROOT, " %s %.3f", shortName(part), cores)));
        out.println("  note: " + idle);
        if (compared) {
            out.println("  note: when the cores are busy in both, throughput ~ (cores - background) / total, so total(baseline) /"
                    + " total(path) comes out near the measured ratio; the columns say which part makes the difference");
        }
        out.println("  note: only the stack's own processes are counted; anything else running on the machine competes for"
                + " the same cores unseen");
    }

    private static double total(Map<String, Double> parts) {
        return parts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String shortName(String part) {
        return part.replace("-service", "");
    }
}
