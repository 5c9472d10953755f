package dev.arbiter.qualification;

import dev.arbiter.simulator.ModelSimulator;
import dev.arbiter.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The project's OpenAI-compatible model simulator, in-process, over real HTTP on 127.0.0.1. The
 * panel is discovered from it (sim-atlas, sim-borealis, sim-cirrus; judge sim-judge), with short
 * timeouts so that slow and failing models show quickly.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ModelSimulator simulator;

    public static ModelSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        try {
            simulator = ModelSimulator.start(SimulatorConfig.builder().demoKnowledge().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("arbiter.panel.base-url", simulator.baseUrl()),
                Map.entry("arbiter.panel.defaults.timeout", "1500ms"),
                Map.entry("arbiter.panel.defaults.max-retries", "2"),
                Map.entry("arbiter.panel.defaults.initial-backoff", "50ms"),
                // Tests switch faults on and off per question: keep circuits closed (the breaker has its own unit test).
                Map.entry("arbiter.panel.defaults.circuit-failure-threshold", "1000"),
                Map.entry("arbiter.qualification.rules.max-attempts", "6"),
                Map.entry("arbiter.qualification.rules.reevaluation-delay", "1s"),
                Map.entry("arbiter.evaluation-sweep.every", "1s"),
                Map.entry("arbiter.evaluation-sweep.delay", "1s"));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
