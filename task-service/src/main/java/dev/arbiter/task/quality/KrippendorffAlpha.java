package dev.arbiter.task.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Krippendorff's alpha, 1 − D<sub>o</sub>/D<sub>e</sub>, over units each holding the values that
 * several coders gave it (missing values simply absent). Units with fewer than two values cannot be
 * paired and are left out, as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
 */
public final class KrippendorffAlpha {

    public enum Metric { NOMINAL, ORDINAL, INTERVAL }

    private KrippendorffAlpha() {
    }

    /** Alpha, or null when there is nothing to agree on (no pairable values, or no variation at all). */
    public static Double of(Collection<? extends List<Double>> units, Metric metric) {
        List<List<Double>> pairable = new ArrayList<>();
        TreeMap<Double, Long> frequency = new TreeMap<>();
        long n = 0;
        for (List<Double> unit : units) {
            if (unit.size() >= 2) {
                pairable.add(unit);
                for (Double v : unit) {
                    frequency.merge(v, 1L, Long::sum);
                }
                n += unit.size();
            }
        }
        if (n < 2 || frequency.size() < 2) {
            return null;
        }
        Distance delta = distance(metric, frequency);
        double observed = 0;
        for (List<Double> unit : pairable) {
            double sum = 0;
            for (int i = 0; i < unit.size(); i++) {
                for (int j = 0; j < unit.size(); j++) {
                    if (i != j) {
                        sum += delta.squared(unit.get(i), unit.get(j));
                    }
                }
            }
            observed += sum / (unit.size() - 1);
        }
        observed /= n;
        double expected = 0;
        for (Map.Entry<Double, Long> c : frequency.entrySet()) {
            for (Map.Entry<Double, Long> k : frequency.entrySet()) {
                expected += (double) c.getValue() * k.getValue() * delta.squared(c.getKey(), k.getKey());
            }
        }
        expected /= (double) n * (n - 1);
        return 1 - observed / expected;
    }

    @FunctionalInterface
    private interface Distance {
        double squared(double a, double b);
    }

    private static Distance distance(Metric metric, TreeMap<Double, Long> frequency) {
        return switch (metric) {
            case NOMINAL -> (a, b) -> a == b ? 0 : 1;
            case INTERVAL -> (a, b) -> (a - b) * (a - b);
            case ORDINAL -> (a, b) -> {
                if (a == b) {
                    return 0;
                }
                double lo = Math.min(a, b);
                double hi = Math.max(a, b);
                double sum = 0;
                for (long count : frequency.subMap(lo, true, hi, true).values()) {
                    sum += count;
                }
                double d = sum - (frequency.get(lo) + frequency.get(hi)) / 2.0;
                return d * d;
            };
        };
    }
}
