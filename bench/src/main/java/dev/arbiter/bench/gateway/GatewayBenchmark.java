package dev.arbiter.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.bench.common.Await;
import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.CpuTable;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.InterleavedRun;
import dev.arbiter.bench.common.InterleavedRun.Scenario;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ProcessCpu;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the gateway (marketplace-api) costs on the proxied path: the same authenticated GET through
 * the gateway and straight to the owning service, in one run, at the same concurrency, in
 * alternating slices. Login and {@code /api/me} are served by marketplace-api itself and are
 * reported for scale only: they are not proxied, so they show no proxy overhead.
 */
public final class GatewayBenchmark implements Benchmark {

    private static final double GOAL_OVERHEAD = 0.15;

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String description() {
        return "gateway proxy overhead: GET /api/payouts/me and /api/tasks/eligibility via the gateway vs direct; login and /api/me";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --workers N        concurrent workers per scenario (16)",
                "  --duration D       measured time per scenario, e.g. 20s (20s)",
                "  --slice D          length of one alternating slice (5s)",
                "  --warmup D         unrecorded warm-up per scenario (5s)",
                "  --skip-login       leave out POST /api/auth/login (bcrypt-bound, CPU-heavy)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int workers = options.integer("workers", 16);
        Duration duration = options.duration("duration", Duration.ofSeconds(20));
        Duration slice = options.duration("slice", Duration.ofSeconds(5));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(5));
        boolean skipLogin = options.flag("skip-login");

        JsonHttp http = new JsonHttp();
        String gateway = target.gatewayUrl();
        String payouts = target.serviceUrl("payout-service");
        String tasks = target.serviceUrl("task-service");

        String email = "bench-" + UUID.randomUUID() + "@bench.arbiter.local";
        String password = "bench-password-" + UUID.randomUUID();
        http.postJson(gateway + "/api/auth/register",
                Map.of("email", email, "password", password, "displayName", "Bench Expert", "role", "EXPERT"), null)
                .expect(201);
        Map<String, String> credentials = Map.of("email", email, "password", password);
        String token = http.postJson(gateway + "/api/auth/login", credentials, null).expect(200).json()
                .get("accessToken").asText();
        // The expert's ledger and eligibility open when their ExpertRegistered event arrives.
        awaitOk(http, gateway + "/api/payouts/me", token);
        awaitOk(http, gateway + "/api/tasks/eligibility", token);
        JsonNode me = http.get(gateway + "/api/me", token).expect(200).json();
        System.err.println("[bench] expert " + me.path("id").asText() + " registered; ledger and eligibility open");

        HttpRequest login = http.preparePost(gateway + "/api/auth/login", credentials, null);
        HttpRequest meReq = http.prepareGet(gateway + "/api/me", token);
        HttpRequest payoutsViaGateway = http.prepareGet(gateway + "/api/payouts/me", token);
        HttpRequest payoutsDirect = http.prepareGet(payouts + "/api/payouts/me", token);
        HttpRequest eligibilityViaGateway = http.prepareGet(gateway + "/api/tasks/eligibility", token);
        HttpRequest eligibilityDirect = http.prepareGet(tasks + "/api/tasks/eligibility", token);

        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("payouts/me via gateway", () -> http.sendExpecting(payoutsViaGateway, 200)),
                new Scenario("payouts/me direct", () -> http.sendExpecting(payoutsDirect, 200)),
                new Scenario("tasks/eligibility via gateway", () -> http.sendExpecting(eligibilityViaGateway, 200)),
                new Scenario("tasks/eligibility direct", () -> http.sendExpecting(eligibilityDirect, 200)),
                new Scenario("GET /api/me (gateway-local)", () -> http.sendExpecting(meReq, 200))));
        if (!skipLogin) {
            scenarios.add(new Scenario("POST /api/auth/login (local)", () -> http.sendExpecting(login, 200)));
        }
        System.err.printf(Locale.ROOT, "[bench] %d scenarios x %d s, %d workers, %d s slices, %d s warm-up each%n",
                scenarios.size(), duration.toSeconds(), workers, slice.toSeconds(), warmup.toSeconds());
        InterleavedRun run = new InterleavedRun(workers, duration, slice, warmup, ProcessCpu.of(target).orElse(null));
        Map<String, LatencyStats> s = run.run(scenarios);

        ResultsTable table = new ResultsTable(String.format(Locale.ROOT,
                "gateway: %d workers, %d s per scenario in alternating %d s slices (closed loop)",
                workers, duration.toSeconds(), slice.toSeconds()), "req/s");
        s.forEach(table::row);
        LatencyStats pg = s.get("payouts/me via gateway");
        LatencyStats pd = s.get("payouts/me direct");
        LatencyStats eg = s.get("tasks/eligibility via gateway");
        LatencyStats ed = s.get("tasks/eligibility direct");
        table.ratio("payouts/me gateway / direct", pg, pd)
                .ratio("tasks/eligibility gateway / direct", eg, ed)
                .line(verdict("payouts/me", pg, pd))
                .line(verdict("tasks/eligibility", eg, ed))
                .note("baseline = the same request straight to the owning service, same token, same workers, same run")
                .note("login and /api/me are answered by marketplace-api itself (not proxied): they cannot show proxy overhead")
                .note("login is bcrypt-bound: its figures measure password hashing on this machine, not the gateway")
                .note("client, gateway and services share this machine's CPUs: a closed loop measures the whole box");
        table.print(System.out);
        new CpuTable(run.cpuPerRequest(s), run.backgroundCores())
                .compare("payouts/me via gateway", "payouts/me via gateway", "payouts/me direct", "marketplace-api")
                .compare("tasks/eligibility via gateway", "tasks/eligibility via gateway", "tasks/eligibility direct",
                        "marketplace-api")
                .print(System.out);
        if (s.values().stream().anyMatch(st -> st.errors() > 0)) {
            throw new IllegalStateException("some requests failed (see above); the figures are not comparable");
        }
    }

    private static String verdict(String what, LatencyStats gateway, LatencyStats direct) {
        double throughputCost = 1 - gateway.perSecond() / direct.perSecond();
        double p50Cost = gateway.p50() / direct.p50() - 1;
        double p99Cost = gateway.p99() / direct.p99() - 1;
        double worst = Math.max(throughputCost, Math.max(p50Cost, p99Cost));
        return String.format(Locale.ROOT, "%-40s gateway cost: throughput %.1f%%, p50 %+.1f%%, p99 %+.1f%% -> %s (goal <= %.0f%%)",
                what, throughputCost * 100, p50Cost * 100, p99Cost * 100,
                worst <= GOAL_OVERHEAD ? "within goal" : "OVER goal", GOAL_OVERHEAD * 100);
    }

    private static void awaitOk(JsonHttp http, String url, String token) throws Exception {
        Await.until(url + " to answer 200", Duration.ofSeconds(60), Duration.ofMillis(100),
                () -> http.get(url, token).status() == 200 ? Boolean.TRUE : null);
    }
}
