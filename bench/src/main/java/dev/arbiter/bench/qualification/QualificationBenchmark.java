package dev.arbiter.bench.qualification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.bench.common.Await;
import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.simulator.Faults;
import dev.arbiter.simulator.ModelSimulator;
import dev.arbiter.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The qualification panel under load. Its own model simulator (three panel models at a fixed
 * simulated latency) must be the service's panel: start the stack with
 * {@code --service-java-opts "... -Darbiter.panel.base-url=http://127.0.0.1:SIM_PORT/v1"}.
 * <ol>
 *   <li>One evaluation at a time: the service's time from submission to verdict (server clock) vs
 *   the slowest model's latency, and vs the same three models asked one after another by this
 *   client over HTTP, alternating, same questions, same run.</li>
 *   <li>200 questions submitted at once: evaluations/s and time to verdict (p50/p99).</li>
 * </ol>
 */
public final class QualificationBenchmark implements Benchmark {

    private static final List<String> MODELS = List.of("sim-atlas", "sim-borealis", "sim-cirrus");
    private static final double GOAL_RATIO = 1.2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "qualification";
    }

    @Override
    public String description() {
        return "qualification panel: evaluation wall time vs slowest model and vs sequential; 200 questions at once";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --sim-port N       port of the benchmark's own model simulator (18089); the service must use it:",
                "                     --service-java-opts \"-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
                        + "-Darbiter.panel.base-url=http://127.0.0.1:18089/v1\"",
                "  --latency MS       simulated latency of each panel model (300)",
                "  --sequential N     evaluations measured one at a time (20)",
                "  --burst N          questions submitted at once (200)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int simPort = options.integer("sim-port", 18089);
        int latency = options.integer("latency", 300);
        int sequential = options.integer("sequential", 20);
        int burst = options.integer("burst", 200);
        SimulatorConfig.Builder config = SimulatorConfig.builder().port(simPort);
        for (String model : MODELS) {
            config.knowledge(model, "What is the capital of France?", "Paris").faults(model, Faults.latency(latency));
        }
        try (ModelSimulator sim = ModelSimulator.start(config.build())) {
            measure(target, sim, latency, sequential, burst);
        }
    }

    private void measure(StackTarget target, ModelSimulator sim, int latency, int sequential, int burst) throws Exception {
        JsonHttp http = new JsonHttp();
        String gateway = target.gatewayUrl();
        String qualification = target.serviceUrl("qualification-service");
        int perExpert = 10; // the default attempts cap per expert and domain
        int experts = (sequential + 3 + perExpert - 1) / perExpert + (burst + perExpert - 1) / perExpert;
        List<String> tokens = register(http, gateway, experts);
        System.err.printf(Locale.ROOT, "[bench] %d experts registered; panel latency %d ms each%n", experts, latency);

        // Warm-up, and proof that the service's panel is this simulator.
        for (int i = 0; i < 3; i++) {
            evaluate(http, qualification, tokens.get(0));
        }
        if (sim.requestCount(MODELS.get(0)) == 0) {
            throw new IllegalStateException("the service's panel is not this benchmark's simulator: start the stack with "
                    + "--service-java-opts \"... -Darbiter.panel.base-url=" + sim.baseUrl() + "\"");
        }

        long[] panelWall = new long[sequential];
        long[] slowest = new long[sequential];
        long[] oneAfterAnother = new long[sequential];
        long panelStart = System.nanoTime();
        for (int i = 0; i < sequential; i++) {
            String token = tokens.get((i + 3) / perExpert);
            JsonNode q = evaluate(http, qualification, token);
            panelWall[i] = serverMillis(q) * 1_000_000L;
            long max = 0;
            for (JsonNode a : q.path("attempts")) {
                max = Math.max(max, a.path("latencyMs").asLong());
            }
            slowest[i] = max * 1_000_000L;
            oneAfterAnother[i] = askOneAfterAnother(sim.baseUrl(), q.path("prompt").asText());
        }
        long panelElapsed = System.nanoTime() - panelStart;
        LatencyStats panel = LatencyStats.ofNanos(panelWall, 0, panelElapsed);
        LatencyStats slowestModel = LatencyStats.ofNanos(slowest, 0, panelElapsed);
        LatencyStats sequentialBaseline = LatencyStats.ofNanos(oneAfterAnother, 0, panelElapsed);

        List<String> burstTokens = tokens.subList((sequential + 3 + perExpert - 1) / perExpert, tokens.size());
        BurstResult b = burst(http, qualification, burstTokens, burst, perExpert);

        ResultsTable table = new ResultsTable(String.format(Locale.ROOT,
                "qualification: 3 panel models at %d ms simulated latency; %d evaluations one at a time, then %d at once",
                latency, sequential, burst), "eval/s");
        table.row("evaluation, submit -> verdict (service)", panel)
                .row("slowest model of that evaluation", slowestModel)
                .row("same 3 models one after another (client)", sequentialBaseline)
                .ratio("evaluation / slowest model", panel, slowestModel)
                .ratio("evaluation / one after another", panel, sequentialBaseline)
                .line(String.format(Locale.ROOT, "p50 evaluation / slowest model = %.2f -> %s (goal <= %.1f)",
                        panel.p50() / slowestModel.p50(), panel.p50() / slowestModel.p50() <= GOAL_RATIO ? "within goal" : "OVER goal",
                        GOAL_RATIO))
                .row(burst + " submitted at once, time to verdict", b.stats())
                .line(String.format(Locale.ROOT, "%d questions at once: %.1f evaluations/s (first submission to last verdict %.1f s), "
                        + "p99 time to verdict %.0f ms, %d not decided", burst, b.stats().perSecond(), b.stats().seconds(),
                        b.stats().p99(), b.undecided()))
                .note("evaluation time is the service's own clock (createdAt -> decidedAt): storing, asking, grading, storing")
                .note("baseline 'one after another' = this client asking the same simulator models sequentially, same questions, same run")
                .note("client, stack and simulator share this machine's CPUs");
        table.print(System.out);
        if (b.undecided() > 0) {
            throw new IllegalStateException(b.undecided() + " questions were never decided");
        }
    }

    private record BurstResult(LatencyStats stats, int undecided) {
    }

    private BurstResult burst(JsonHttp http, String qualification, List<String> tokens, int count, int perExpert)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<String[]>> submitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String token = tokens.get(i / perExpert);
                submitted.add(pool.submit(() -> new String[] {submit(http, qualification, token), token}));
            }
            Map<String, String> pending = new ConcurrentHashMap<>();
            for (Future<String[]> f : submitted) {
                String[] idAndToken = f.get();
                pending.put(idAndToken[0], idAndToken[1]);
            }
            List<JsonNode> decided = Collections.synchronizedList(new ArrayList<>());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                List<Future<?>> polls = new ArrayList<>();
                for (Map.Entry<String, String> e : pending.entrySet()) {
                    polls.add(pool.submit(() -> {
                        JsonNode q = http.get(qualification + "/api/qualification/questions/" + e.getKey(), e.getValue())
                                .expect(200).json();
                        if (!q.path("status").asText().equals("EVALUATING")) {
                            decided.add(q);
                            pending.remove(e.getKey());
                        }
                        return null;
                    }));
                }
                for (Future<?> p : polls) {
                    p.get();
                }
                Thread.sleep(200);
            }
            long[] samples = decided.stream().mapToLong(q -> serverMillis(q) * 1_000_000L).toArray();
            Instant first = decided.stream().map(q -> Instant.parse(q.path("createdAt").asText())).min(Instant::compareTo).orElseThrow();
            Instant last = decided.stream().map(q -> Instant.parse(q.path("decidedAt").asText())).max(Instant::compareTo).orElseThrow();
            return new BurstResult(LatencyStats.ofNanos(samples, 0, Duration.between(first, last).toNanos()), pending.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> register(JsonHttp http, String gateway, int count) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "bench-q-" + UUID.randomUUID() + "@bench.arbiter.local";
            String password = "bench-password-" + UUID.randomUUID();
            http.postJson(gateway + "/api/auth/register",
                    Map.of("email", email, "password", password, "displayName", "Bench Expert " + i, "role", "EXPERT"), null)
                    .expect(201);
            tokens.add(http.postJson(gateway + "/api/auth/login", Map.of("email", email, "password", password), null)
                    .expect(200).json().get("accessToken").asText());
        }
        return tokens;
    }

    private static String submit(JsonHttp http, String qualification, String token) throws Exception {
        Map<String, Object> body = Map.of("domain", "medicine",
                "prompt", "Which eponymous sign is described in bench case " + UUID.randomUUID() + "?",
                "answerType", "EXACT", "referenceAnswer", "Kussmaul sign",
                "rationale", "Benchmark question: no model knows it.");
        return http.postJson(qualification + "/api/qualification/questions", body, token).expect(202).json()
                .get("id").asText();
    }

    private static JsonNode evaluate(JsonHttp http, String qualification, String token) throws Exception {
        String id = submit(http, qualification, token);
        return Await.until("question " + id + " to be decided", Duration.ofSeconds(60), Duration.ofMillis(20), () -> {
            JsonNode q = http.get(qualification + "/api/qualification/questions/" + id, token).expect(200).json();
            return q.path("status").asText().equals("EVALUATING") ? null : q;
        });
    }

    private static long serverMillis(JsonNode q) {
        return Duration.between(Instant.parse(q.path("createdAt").asText()), Instant.parse(q.path("decidedAt").asText()))
                .toMillis();
    }

    /** The baseline: the same models asked one after another (plain HTTP, OpenAI protocol). */
    private static long askOneAfterAnother(String baseUrl, String prompt) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (String model : MODELS) {
            String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + JSON.writeValueAsString(prompt) + "}]}";
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("simulator answered " + r.statusCode());
            }
        }
        return System.nanoTime() - start;
    }
}
