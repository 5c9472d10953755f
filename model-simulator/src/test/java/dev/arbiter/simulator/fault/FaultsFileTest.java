package dev.arbiter.simulator.fault;

import dev.arbiter.simulator.Faults;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsFileTest {

    @Test
    void shouldReadFixedAndRangedLatencyErrorsHangsAndFailFirst() throws IOException {
        Map<String, Faults> faults = read("""
                {"a": {"latencyMs": 300},
                 "b": {"latencyMinMs": 100, "latencyMaxMs": 400, "errorRate": 0.3, "errorStatus": 429},
                 "c": {"hang": true},
                 "d": {"failFirst": 2}}""");
        assertEquals(Faults.latency(300), faults.get("a"));
        assertEquals(Faults.latency(100, 400).withErrorRate(0.3, 429), faults.get("b"));
        assertEquals(Faults.hanging(), faults.get("c"));
        assertEquals(Faults.failFirst(2, 500), faults.get("d"));
    }

    @Test
    void shouldRejectUnknownKeysAndImpossibleValues() {
        assertMessage("{\"a\": {\"latency\": 3}}", "unknown key 'latency'");
        assertMessage("{\"a\": {\"errorRate\": 1.5}}", "errorRate");
        assertMessage("{\"a\": {\"latencyMinMs\": 400, \"latencyMaxMs\": 100}}", "latency");
        assertMessage("{\"a\": {\"latencyMs\": 1, \"latencyMaxMs\": 2}}", "either");
    }

    @Test
    void shouldDecideTheSameFaultsForTheSameSeed() {
        Map<String, Faults> faults = Map.of("m", Faults.latency(0, 1000).withErrorRate(0.5, 500));
        FaultPlan first = new FaultPlan(7, faults);
        FaultPlan second = new FaultPlan(7, faults);
        for (int i = 0; i < 50; i++) {
            assertEquals(first.decide("m"), second.decide("m"));
        }
    }

    @Test
    void shouldFailExactlyTheFirstRequestsThenAnswer() {
        FaultPlan plan = new FaultPlan(1, Map.of("m", Faults.failFirst(2, 503)));
        assertEquals(FaultDecision.Outcome.FAIL, plan.decide("m").outcome());
        assertEquals(503, plan.decide("m").errorStatus());
        assertEquals(FaultDecision.Outcome.ANSWER, plan.decide("m").outcome());
        plan.set("m", Faults.failFirst(1, 500));
        assertEquals(FaultDecision.Outcome.FAIL, plan.decide("m").outcome());
    }

    private static Map<String, Faults> read(String json) throws IOException {
        return FaultsFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "faults.json");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> read(json));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
