package dev.arbiter.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.arbiter.simulator.ChatCompletionsTest.assertOpenAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Latency, errors and hangs, per model, over real HTTP. */
class FaultInjectionTest {

    private static final String QUESTION = "What is the first-line drug treatment for type 2 diabetes in most adults?";

    @Test
    void shouldDelayAnswersByTheConfiguredLatency() throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder().faults("sim-atlas", Faults.latency(300)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            long started = System.nanoTime();
            assertEquals("Metformin", OpenAiHttp.content(http.chat("sim-atlas", QUESTION)));
            assertTrue(elapsedMillis(started) >= 300, "answered after " + elapsedMillis(started) + " ms");
        }
    }

    @Test
    void shouldDrawLatencyFromTheConfiguredRange() throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder()
                .faults("sim-atlas", Faults.latency(50, 120)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertEquals(200, http.chat("sim-atlas", QUESTION).statusCode());
                assertTrue(elapsedMillis(started) >= 50);
            }
        }
    }

    @Test
    void shouldFailTheFirstRequestsThenAnswerSoRetriesCanBeCounted() throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder()
                .faults("sim-borealis", Faults.failFirst(2, 500)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            HttpResponse<String> first = http.chat("sim-borealis", QUESTION);
            assertEquals(500, first.statusCode());
            assertOpenAiError(first, "simulated_fault");
            assertEquals("server_error", OpenAiHttp.json(first).at("/error/type").asText());
            assertEquals(500, http.chat("sim-borealis", QUESTION).statusCode());
            assertEquals("Metformin", OpenAiHttp.content(http.chat("sim-borealis", QUESTION)));
            assertEquals(3, simulator.requestCount("sim-borealis"));
            assertEquals(0, simulator.requestCount("sim-atlas"));

            simulator.setFaults("sim-borealis", Faults.failFirst(1, 429));
            HttpResponse<String> limited = http.chat("sim-borealis", QUESTION);
            assertEquals(429, limited.statusCode());
            assertEquals("0", limited.headers().firstValue("retry-after").orElseThrow());
            assertOpenAiError(limited, "rate_limit_exceeded");
            assertEquals(200, http.chat("sim-borealis", QUESTION).statusCode());
        }
    }

    @Test
    void shouldFailAtTheErrorRateReproduciblyForTheSameSeed() throws IOException {
        List<Integer> first = statuses(99);
        assertEquals(first, statuses(99));
        long failures = first.stream().filter(status -> status == 503).count();
        assertTrue(failures >= 5 && failures <= 35, "failures: " + failures + " of 40");
        assertTrue(first.stream().allMatch(status -> status == 200 || status == 503), first.toString());
    }

    @Test
    void shouldKeepAnsweringOtherModelsWhileOneHangs() throws Exception {
        // More hung requests than the simulator has HTTP threads: if a hang held a thread, nothing would answer.
        int hanging = ModelSimulator.HTTP_THREADS + 36;
        try (ModelSimulator simulator = start(SimulatorConfig.builder().faults("sim-cirrus", Faults.hanging()))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
            for (int i = 0; i < hanging; i++) {
                hung.add(http.chatAsync("sim-cirrus", QUESTION));
            }
            Eventually.await(Duration.ofSeconds(10), () -> simulator.requestCount("sim-cirrus") == hanging);

            assertEquals("Metformin", OpenAiHttp.content(http.chat("sim-atlas", QUESTION)));
            assertTrue(hung.stream().noneMatch(CompletableFuture::isDone));

            simulator.close();
            for (CompletableFuture<HttpResponse<String>> request : hung) {
                ExecutionException dropped = assertThrows(ExecutionException.class,
                        () -> request.get(5, TimeUnit.SECONDS));
                assertTrue(dropped.getCause() instanceof IOException, dropped.getCause().toString());
            }
        }
    }

    @Test
    void shouldGiveUpHoldingAHungRequestAfterTheHangTimeout() throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder()
                .hangTimeout(Duration.ofMillis(200)).faults("sim-cirrus", Faults.hanging()))) {
            HttpResponse<String> response = new OpenAiHttp(simulator.baseUrl()).chat("sim-cirrus", QUESTION);
            assertEquals(504, response.statusCode());
            assertOpenAiError(response, "simulated_hang");
        }
    }

    @Test
    void shouldServeManySlowRequestsConcurrentlyRatherThanOneAfterAnother() throws Exception {
        int requests = 200;
        long latency = 300;
        try (ModelSimulator simulator = start(SimulatorConfig.builder()
                .faults("sim-atlas", Faults.latency(latency)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                pending.add(http.chatAsync("sim-atlas", QUESTION));
            }
            for (CompletableFuture<HttpResponse<String>> request : pending) {
                assertEquals("Metformin", OpenAiHttp.content(request.get(30, TimeUnit.SECONDS)));
            }
            long elapsed = elapsedMillis(started);
            // Serialised, this would take requests × latency = 60 s; a tenth of it proves overlap.
            assertTrue(elapsed < requests * latency / 10, "200 requests took " + elapsed + " ms");
            assertEquals(requests, simulator.requestCount("sim-atlas"));
        }
    }

    @Test
    void shouldValidateBeforeUsingUpAFailFirstFailure() throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder().faults("sim-atlas", Faults.failFirst(1, 500)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            assertEquals(400, http.post("/chat/completions",
                    "{\"model\": \"sim-atlas\", \"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}")
                    .statusCode());
            assertEquals(500, http.chat("sim-atlas", QUESTION).statusCode());
            assertEquals(200, http.chat("sim-atlas", QUESTION).statusCode());
        }
    }

    private static List<Integer> statuses(long seed) throws IOException {
        try (ModelSimulator simulator = start(SimulatorConfig.builder().seed(seed)
                .faults("sim-atlas", Faults.errorRate(0.5, 503)))) {
            OpenAiHttp http = new OpenAiHttp(simulator.baseUrl());
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(http.chat("sim-atlas", QUESTION).statusCode());
            }
            return statuses;
        }
    }

    private static ModelSimulator start(SimulatorConfig.Builder config) throws IOException {
        ModelSimulator simulator = ModelSimulator.start(config.demoKnowledge().build());
        assertNotNull(simulator.baseUrl());
        return simulator;
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
