package dev.arbiter.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Chat-completion requests received per model name, failed and held ones included. */
public final class RequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(String model) {
        counts.computeIfAbsent(model, m -> new LongAdder()).increment();
    }

    public long count(String model) {
        LongAdder count = counts.get(model);
        return count == null ? 0 : count.sum();
    }

    public void reset() {
        counts.clear();
    }
}
