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
    private final Map<String, Map<String, Double>> cpuMillis = new LinkedHashMap<>();
    private final Map<String, Double> backgroundCores = new LinkedHashMap<>();
    private final ProcessCpu meter;

    public InterleavedRun(int workers, Duration perScenario, Duration slice, Duration warmup) {
        this(workers, perScenario, slice, warmup, null);
    }

    /** With {@code meter} (may be null), every slice's CPU is read per part of the stack ({@link #cpuPerRequest}). */
    public InterleavedRun(int workers, Duration perScenario, Duration slice, Duration warmup, ProcessCpu meter) {
        this.meter = meter;
        this.workers = workers;
        this.perScenario = perScenario;
        this.slice = slice.compareTo(perScenario) > 0 ? perScenario : slice;
        this.warmup = warmup;
    }

    /** Figures per scenario name, in the given order. Fails if a scenario saw an error. */
    public Map<String, LatencyStats> run(List<Scenario> scenarios) {
        boolean metered = meter != null;
        Map<String, Double> idleBefore = metered ? idle() : Map.of();
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
                Map<String, Double> before = metered ? meter.snapshot() : Map.of();
                LoadLoop.forDuration(workers, each, s.operation(), recorders.get(s.name()));
                if (metered) {
                    ProcessCpu.since(before, meter.snapshot()).forEach((part, ms) -> cpuMillis
                            .computeIfAbsent(s.name(), name -> new LinkedHashMap<>()).merge(part, ms, Double::sum));
                }
            }
            Collections.reverse(order);
        }
        if (metered) {
            backgroundCores.putAll(ProcessCpu.lower(idleBefore, idle()));
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

    /**
     * CPU milliseconds per request of each scenario, per part of the stack ({@link ProcessCpu}), with the
     * background (what each part burns idle: relays' polls, the broker) taken out; empty where {@code /proc}
     * could not be read. Read after {@link #run}.
     */
    public Map<String, Map<String, Double>> cpuPerRequest(Map<String, LatencyStats> stats) {
        Map<String, Map<String, Double>> perRequest = new LinkedHashMap<>();
        cpuMillis.forEach((scenario, parts) -> {
            LatencyStats st = stats.get(scenario);
            if (st == null || st.count() == 0) {
                return;
            }
            perRequest.put(scenario, ProcessCpu.perOperation(parts, st.seconds(), st.count(), backgroundCores));
        });
        return perRequest;
    }

    /** Cores each part used while no scenario ran: the lower of a reading before the warm-up and one after the rounds. */
    public Map<String, Double> backgroundCores() {
        return backgroundCores;
    }

    private Map<String, Double> idle() {
        Duration idle = Duration.ofSeconds(3);
        progress("idle " + idle.toSeconds() + " s: the stack's background CPU, taken out of each request's");
        return meter.backgroundCores(idle);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
