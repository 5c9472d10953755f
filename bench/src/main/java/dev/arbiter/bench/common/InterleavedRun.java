package dev.arbiter.bench.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs several scenarios at the same concurrency in short alternating slices (A B C, C B A, A B C…)
 * so that a noisy neighbour on a shared machine slows all of them alike and a ratio between them
 * stays meaningful. Each scenario is warmed up first, unrecorded.
 */
public final class InterleavedRun {

    /** A named operation to load. */
    public record Scenario(String name, LoadLoop.Operation operation) {
    }

    private final int workers;
    private final Duration perScenario;
    private final Duration slice;
    private final Duration warmup;

    public InterleavedRun(int workers, Duration perScenario, Duration slice, Duration warmup) {
        this.workers = workers;
        this.perScenario = perScenario;
        this.slice = slice.compareTo(perScenario) > 0 ? perScenario : slice;
        this.warmup = warmup;
    }

    /** Figures per scenario name, in the given order. Fails if a scenario saw an error. */
    public Map<String, LatencyStats> run(List<Scenario> scenarios) {
        if (!warmup.isZero()) {
            for (Scenario s : scenarios) {
                progress("warm-up " + s.name() + " (" + warmup.toSeconds() + " s, " + workers + " workers)");
                LoadLoop.forDuration(workers, warmup, s.operation(), new LatencyRecorder());
            }
        }
        Map<String, LatencyRecorder> recorders = new LinkedHashMap<>();
        scenarios.forEach(s -> recorders.put(s.name(), new LatencyRecorder()));
        int rounds = (int) Math.max(1, Math.round((double) perScenario.toMillis() / slice.toMillis()));
        Duration each = perScenario.dividedBy(rounds);
        List<Scenario> order = new ArrayList<>(scenarios);
        for (int round = 1; round <= rounds; round++) {
            progress("round " + round + "/" + rounds + ": " + order.stream().map(Scenario::name).toList()
                    + ", " + each.toMillis() + " ms each");
            for (Scenario s : order) {
                LoadLoop.forDuration(workers, each, s.operation(), recorders.get(s.name()));
            }
            Collections.reverse(order);
        }
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        recorders.forEach((name, recorder) -> {
            LatencyStats st = recorder.stats();
            if (st.errors() > 0) {
                System.out.println("  ! " + name + ": " + st.errors() + " errors, first: " + recorder.firstError());
            }
            stats.put(name, st);
        });
        return stats;
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
