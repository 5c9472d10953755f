package dev.arbiter.simulator.fault;

import dev.arbiter.simulator.Faults;
import dev.arbiter.simulator.StableHash;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults in force per model, and the decision for each request. Random draws (latency in a
 * range, error rate) depend only on the seed, the model and the request's sequence number since
 * its faults were set, so a run is reproducible whatever the thread interleaving.
 */
public final class FaultPlan {

    private final long seed;
    private final Map<String, ActiveFaults> byModel = new ConcurrentHashMap<>();

    public FaultPlan(long seed, Map<String, Faults> initial) {
        this.seed = seed;
        initial.forEach(this::set);
    }

    /** Replaces the model's faults; {@code failFirst} counts again from this call. */
    public void set(String model, Faults faults) {
        byModel.put(model, new ActiveFaults(faults, new AtomicLong()));
    }

    public Faults get(String model) {
        ActiveFaults active = byModel.get(model);
        return active == null ? Faults.none() : active.faults();
    }

    public FaultDecision decide(String model) {
        ActiveFaults active = byModel.get(model);
        if (active == null) {
            return FaultDecision.answer(0);
        }
        Faults faults = active.faults();
        long sequence = active.served().getAndIncrement();
        if (faults.hang()) {
            return FaultDecision.hang();
        }
        SplittableRandom random = new SplittableRandom(seed ^ StableHash.of(model) ^ (sequence * 0x9E3779B97F4A7C15L));
        long delay = faults.latencyMinMs()
                + (faults.latencyMaxMs() > faults.latencyMinMs()
                    ? random.nextLong(faults.latencyMaxMs() - faults.latencyMinMs() + 1) : 0);
        boolean fails = sequence < faults.failFirst() || random.nextDouble() < faults.errorRate();
        return fails ? FaultDecision.fail(delay, faults.errorStatus()) : FaultDecision.answer(delay);
    }

    private record ActiveFaults(Faults faults, AtomicLong served) {
    }
}
