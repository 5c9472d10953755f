package dev.arbiter.task.session.signal.cohort;

import dev.arbiter.task.session.signal.Evaluation;
import dev.arbiter.task.session.signal.FlagRule;
import dev.arbiter.task.session.signal.GlanceRecord;
import dev.arbiter.task.session.signal.ReadingRecord;
import dev.arbiter.task.session.signal.ReadingTime;
import dev.arbiter.task.session.signal.ReferenceReach;
import dev.arbiter.task.session.signal.ReferenceRecord;
import dev.arbiter.task.session.signal.SelfTemplate;
import dev.arbiter.task.session.signal.Signal;
import dev.arbiter.task.session.signal.SignalEngine;
import dev.arbiter.task.session.signal.SignalFamily;
import dev.arbiter.task.session.signal.SignalThresholds;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the signal engine over a synthetic cohort and counts, per kind of session, how many were flagged,
 * which families fired together, how often each signal fired, and the time {@link SignalEngine#evaluate}
 * took (generating the sessions is not timed). Sessions are generated and evaluated one at a time.
 */
public final class Calibration {

    /**
     * The thresholds the report shows the flag at, beside the configured one, for the signals whose
     * threshold is weighed there ({@code self_template} and {@code glance_record} fire at or above,
     * {@code reading_record} and {@code reference_record} at or below; {@code glance_record}'s sweep keeps its other
     * conditions, at least two sessions written after a glance).
     */
    static final Map<String, double[]> SWEEPS = Map.of(SelfTemplate.NAME, new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8},
            ReadingRecord.NAME, new double[] {0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6},
            ReferenceRecord.NAME, new double[] {0.1, 0.15, 0.2, 0.25, 0.34, 0.5},
            GlanceRecord.NAME, new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4});

    /** Counts for one kind. */
    public static final class Tally {
        public int sessions;
        public int flagged;
        public final Map<String, Integer> families = new TreeMap<>();
        public final Map<String, Integer> signals = new TreeMap<>();
        public final Map<String, int[]> variants = new TreeMap<>();
        /** Sessions still flagged when the flag is recomputed without the named signal (what it contributes). */
        public final Map<String, Integer> flaggedWithout = new TreeMap<>();
        /** Every session's value of each signal in {@link #SWEEPS}, for its distribution by kind. */
        public final Map<String, java.util.List<Double>> values = new TreeMap<>();
        /** Sessions that would be flagged were the named signal's threshold each of its {@link #SWEEPS}. */
        public final Map<String, int[]> flaggedAt = new TreeMap<>();
        /** Every judged first read ({@code glance_record}) of this kind: the evaluated sessions' and their runs'. */
        public final java.util.List<Double> firstReads = new java.util.ArrayList<>();

        public double flaggedShare() {
            return sessions == 0 ? 0 : (double) flagged / sessions;
        }
    }

    /** The tallies by kind and the evaluation time over all sessions. */
    public record Report(Map<CheatKind, Tally> tallies, long evaluateNanos, int sessions, long readingRecordNanos,
                         long referenceRecordNanos, long glanceRecordNanos) {

        public void print(PrintStream out) {
            out.printf("%-14s %8s %8s %10s  %s%n", "kind", "flagged", "not", "flagged %", "families fired (sessions)");
            tallies.forEach((kind, t) -> out.printf("%-14s %8d %8d %9.1f%%  %s%n", kind, t.flagged, t.sessions - t.flagged,
                    100 * t.flaggedShare(), t.families));
            out.println();
            out.println("by variant (flagged / sessions):");
            tallies.forEach((kind, t) -> t.variants.forEach((v, c) -> out.printf("  %-14s %-34s %5d / %-5d %6.1f%%%n", kind, v,
                    c[1], c[0], 100.0 * c[1] / c[0])));
            out.println();
            out.println("signals fired (sessions):");
            tallies.forEach((kind, t) -> out.printf("  %-14s %s%n", kind, t.signals));
            out.println();
            out.println("flagged without each signal (the flag recomputed with that signal left out):");
            tallies.forEach((kind, t) -> out.printf("  %-14s %s%n", kind, t.flaggedWithout));
            out.println();
            for (String name : new java.util.TreeSet<>(SWEEPS.keySet())) {
                out.println("flagged were " + name + "'s threshold " + java.util.Arrays.toString(SWEEPS.get(name)) + ":");
                tallies.forEach((kind, t) -> out.printf("  %-14s %s%n", kind,
                        java.util.Arrays.toString(t.flaggedAt.getOrDefault(name, new int[0]))));
                out.println();
                out.println(name + " value: min / p1 / p10 / p50 / p90 / p99 / max:");
                tallies.forEach((kind, t) -> {
                    java.util.List<Double> v = t.values.getOrDefault(name, java.util.List.of()).stream().sorted().toList();
                    if (!v.isEmpty()) {
                        out.printf("  %-14s %.3f / %.3f / %.3f / %.3f / %.3f / %.3f / %.3f%n", kind, v.get(0),
                                v.get(v.size() / 100), v.get(v.size() / 10), v.get(v.size() / 2), v.get(v.size() * 9 / 10),
                                v.get(Math.min(v.size() - 1, v.size() * 99 / 100)), v.get(v.size() - 1));
                    }
                });
                out.println();
            }
            out.println("first read (glance_record; every judged session, evaluated and earlier): "
                    + "min / p0.1 / p1 / p10 / p50 / p90 / max, and how many at or below 0.25 / 0.35:");
            tallies.forEach((kind, t) -> {
                java.util.List<Double> v = t.firstReads.stream().sorted().toList();
                if (!v.isEmpty()) {
                    out.printf("  %-14s %.3f / %.3f / %.3f / %.3f / %.3f / %.3f / %.3f  (%d sessions; %d / %d)%n", kind,
                            v.get(0), v.get(v.size() / 1000), v.get(v.size() / 100), v.get(v.size() / 10), v.get(v.size() / 2),
                            v.get(v.size() * 9 / 10), v.get(v.size() - 1), v.size(), v.stream().filter(x -> x <= 0.25).count(),
                            v.stream().filter(x -> x <= 0.35).count());
                }
            });
            out.println();
            out.printf("evaluated %d sessions in %.1f ms: %.1f µs a session, %.0f sessions/s on one thread%n", sessions,
                    evaluateNanos / 1e6, evaluateNanos / 1e3 / sessions, sessions / (evaluateNanos / 1e9));
            out.printf("of which reading_record (timed again on its own): %.2f µs a session%n",
                    readingRecordNanos / 1e3 / sessions);
            out.printf("of which reference_record with its ReferenceReach (timed again on their own): %.2f µs a session%n",
                    referenceRecordNanos / 1e3 / sessions);
            out.printf("of which glance_record (timed again on its own, its first read taken from the engine's pass): "
                    + "%.2f µs a session%n",
                    glanceRecordNanos / 1e3 / sessions);
        }
    }

    private Calibration() {
    }

    public static Report run(long seed, int honest, int perCheat, SignalEngine engine) {
        return run(seed, honest, perCheat, engine, (c, e) -> { });
    }

    /** {@code each} sees every case with its evaluation (a test asserts on them). */
    public static Report run(long seed, int honest, int perCheat, SignalEngine engine,
                             java.util.function.BiConsumer<CohortGenerator.Case, Evaluation> each) {
        CohortGenerator generator = new CohortGenerator(seed);
        Map<CheatKind, Tally> tallies = new EnumMap<>(CheatKind.class);
        long nanos = 0;
        long recordNanos = 0;
        long referenceNanos = 0;
        long glanceNanos = 0;
        int sessions = 0;
        for (CheatKind kind : CheatKind.values()) {
            Tally t = new Tally();
            tallies.put(kind, t);
            int n = kind == CheatKind.HONEST ? honest : perCheat;
            for (int i = 0; i < n; i++) {
                CohortGenerator.Case c = generator.session(kind, i);
                long start = System.nanoTime();
                Evaluation ev = engine.evaluate(c.evidence());
                nanos += System.nanoTime() - start;
                Signal reading = ev.signals().stream().filter(x -> x.name().equals(ReadingTime.NAME)).findFirst().orElseThrow();
                start = System.nanoTime();
                ReadingRecord.compute(c.evidence(), reading, engine.thresholds());
                recordNanos += System.nanoTime() - start;
                start = System.nanoTime();
                ReferenceRecord.compute(c.evidence(), ReferenceReach.measure(c.evidence()), engine.thresholds());
                referenceNanos += System.nanoTime() - start;
                // the first read comes out of reading_time's pass in the engine: only the record is timed
                start = System.nanoTime();
                GlanceRecord.compute(c.evidence(), ev.firstRead(), engine.thresholds());
                glanceNanos += System.nanoTime() - start;
                sessions++;
                count(t, c, ev);
                each.accept(c, ev);
            }
        }
        return new Report(tallies, nanos, sessions, recordNanos, referenceNanos, glanceNanos);
    }

    private static void count(Tally t, CohortGenerator.Case c, Evaluation ev) {
        t.sessions++;
        if (ev.flagged()) {
            t.flagged++;
        }
        t.families.merge(families(ev.firedFamilies()), 1, Integer::sum);
        for (Signal left : ev.signals()) {
            boolean still = FlagRule.flagged(ev.signals().stream().filter(s -> s != left).toList());
            t.flaggedWithout.merge(left.name(), still ? 1 : 0, Integer::sum);
            double[] sweep = SWEEPS.get(left.name());
            if (sweep != null) {
                t.values.computeIfAbsent(left.name(), k -> new java.util.ArrayList<>()).add(left.value());
                java.util.Set<SignalFamily> others = FlagRule.firedFamilies(ev.signals().stream().filter(s -> s != left).toList());
                int[] at = t.flaggedAt.computeIfAbsent(left.name(), k -> new int[sweep.length]);
                for (int i = 0; i < sweep.length; i++) {
                    java.util.Set<SignalFamily> fired = java.util.EnumSet.noneOf(SignalFamily.class);
                    fired.addAll(others);
                    boolean fires = left.direction() == Signal.Direction.AT_MOST ? left.value() <= sweep[i]
                            : left.value() >= sweep[i];
                    if (left.name().equals(GlanceRecord.NAME)) {
                        // its other conditions (at least two glances) stay as configured
                        SignalThresholds d = SignalThresholds.DEFAULTS;
                        fires = GlanceRecord.compute(c.evidence(), ev.firstRead(), d.withGlanceRecord(d.glanceMaxShare(),
                                sweep[i], d.glanceRecordMinGlances(), d.glanceRecordMinSessions())).fired();
                    }
                    if (fires) {
                        fired.add(left.family());
                    }
                    at[i] += fired.size() >= FlagRule.FAMILIES_TO_FLAG ? 1 : 0;
                }
            }
        }
        for (Signal s : ev.signals()) {
            if (s.fired()) {
                t.signals.merge(s.name(), 1, Integer::sum);
            }
        }
        if (Double.isFinite(ev.firstRead())) {
            t.firstReads.add(ev.firstRead());
        }
        c.evidence().readingRecord().stream().filter(p -> Double.isFinite(p.firstRead()))
                .forEach(p -> t.firstReads.add(p.firstRead()));
        int[] v = t.variants.computeIfAbsent(c.variant(), k -> new int[2]);
        v[0]++;
        if (ev.flagged()) {
            v[1]++;
        }
    }

    static String families(Set<SignalFamily> fired) {
        if (fired.isEmpty()) {
            return "none";
        }
        return fired.stream().map(f -> switch (f) {
            case INPUT_PROVENANCE -> "input";
            case ATTENTION -> "attention";
            case IDENTITY_CONTENT -> "identity";
        }).collect(Collectors.joining("+"));
    }
}
