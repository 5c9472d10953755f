package dev.arbiter.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorMainTest {

    private static final String KNOWLEDGE = Path.of("demo", "knowledge.jsonl").toString();
    private static final String FAULTS = Path.of("demo", "faults.json").toString();

    @Test
    void shouldReadEveryOption() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--port", "0", "--knowledge", KNOWLEDGE,
                "--faults=" + FAULTS, "--judge-model", "grader", "--seed", "7", "--host", "0.0.0.0"});
        assertEquals(0, config.port());
        assertEquals("grader", config.judgeModel());
        assertEquals(7, config.seed());
        assertEquals("0.0.0.0", config.host());
        assertEquals(Faults.latency(60), config.faults().get("sim-cirrus"));
        assertTrue(config.knowledge().size() >= 15);
    }

    @Test
    void shouldRequireAKnowledgeFileThatExists() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--port", "0"}))
                .getMessage().contains("--knowledge"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.parse(new String[] {"--knowledge", "missing.jsonl"}))
                .getMessage().contains("no such file"));
    }

    @Test
    void shouldRejectUnknownOptionsAndAnswerHelp() {
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.parse(new String[] {"--knowledge", KNOWLEDGE, "--verbose", "yes"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--port", "eighty"}));
        assertNull(SimulatorMain.parse(new String[] {"--help"}));
    }

    @Test
    void shouldServeTheDemoPanelAdvertisedOnLoopbackWhenBoundToAllInterfaces() throws Exception {
        try (ModelSimulator simulator = ModelSimulator.start(SimulatorMain.parse(
                new String[] {"--knowledge", KNOWLEDGE, "--faults", FAULTS, "--host", "0.0.0.0"}))) {
            assertEquals("http://127.0.0.1:" + simulator.port() + "/v1", simulator.baseUrl());
            assertEquals(java.util.List.of("sim-atlas", "sim-borealis", "sim-cirrus", "sim-judge"), simulator.models());
        }
    }
}
