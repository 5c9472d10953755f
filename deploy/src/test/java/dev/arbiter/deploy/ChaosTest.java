package dev.arbiter.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.deploy.audit.StackAudit;
import dev.arbiter.infra.LocalPostgres;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred judging operations against two task-service replicas and a three-broker Kafka while one replica is
 * killed with SIGKILL and one broker is stopped; then the exact counts of {@link StackAudit}: no acknowledged
 * judgment, review or event batch lost, nothing doubled, no slot assigned twice, every outbox row published, every
 * event applied once by each consumer, the ledger balanced and every finalised session accrued once. The larger
 * version, with PostgreSQL restarts and Kafka away, is {@code bench chaos}. Skipped when the service jars are not built.
 */
class ChaosTest {

    private static final int FLOWS = 90;
    private static final int WORKERS = 6;
    private static final String RATIONALE = "The preferred answer states the rule correctly and applies it to the case; "
            + "the other one misreads the exception.";

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong turn = new AtomicLong();
    private final Set<UUID> judgments = ConcurrentHashMap.newKeySet();
    private final Set<UUID> reviews = ConcurrentHashMap.newKeySet();
    private final Set<String> batches = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> clientErrors = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTwoTaskServicesAndThreeBrokers() {
        Path repoRoot = LocalStack.detectRepoRoot();
        List<Path> missing = LocalStack.missingServiceJars(repoRoot);
        if (!missing.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the chaos test, but service jars are missing: " + missing);
        }
        assumeTrue(missing.isEmpty(), "Skipping the chaos test: service jars not built " + missing);
        List<String> javaOptions = new ArrayList<>(LocalStackOptions.DEFAULT_JAVA_OPTIONS);
        // closed sessions are finalised (and accrued) 5 s after closing instead of 30 s: the test waits for all of them
        javaOptions.add("-Darbiter.sessions.late-grace=5s");
        // six JVMs starting at once on a busy 2-core machine: Flyway's first connection can take longer than Agroal's
        // default 5 s, and a service that cannot migrate exits (seen at a load average of 80)
        javaOptions.add("-Dquarkus.datasource.jdbc.acquisition-timeout=120S");
        stack = LocalStack.start(LocalStackOptions.builder().dataDir(dataDir.resolve("arbiter")).httpPort(0).repoRoot(repoRoot)
                .readyTimeout(Duration.ofSeconds(300)).javaOptions(javaOptions)
                .replicas(LocalStack.TASK_SERVICE, 2).kafkaBrokers(3).build());
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (stack != null) {
            stack.close();
            Path kept = Path.of("target", "chaos-logs");
            Files.createDirectories(kept);
            try (var logs = Files.list(dataDir.resolve("arbiter").resolve("logs"))) {
                for (Path log : logs.toList()) {
                    Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void shouldLoseNoAcknowledgedWriteAndApplyEveryEventOnceThroughAKilledReplicaAndAStoppedBroker() throws Exception {
        String admin = login(stack.adminEmail(), stack.adminPassword());
        String lab = register("lab", "LAB");
        String domain = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, send(post(stack.gatewayUrl() + "/api/admin/domains", "{\"key\":\"" + domain + "\",\"name\":\"Chaos\"}",
                admin)));
        String organization = JsonPath.from(expect(200, send(get(stack.gatewayUrl() + "/api/me", lab)))).getString("organizationId");
        await("the deposit").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> send(
                withKey(post(stack.gatewayUrl() + "/api/admin/labs/" + organization + "/funding",
                        "{\"amount\":{\"amountMinor\":100000000,\"currency\":\"USD\"},\"reference\":\"chaos\"}", admin))).statusCode() == 201);
        String job = createJob(lab, domain);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < FLOWS + 30; i++) {
            items.append("{\"prompt\":\"Question ").append(i).append("?\",\"responses\":[{\"id\":\"r1\",\"text\":\"First answer ")
                    .append(i).append(".\"},{\"id\":\"r2\",\"text\":\"Second answer ").append(i).append(".\"}]}\n");
        }
        expect(201, send(HttpRequest.newBuilder(URI.create(task() + "/api/jobs/" + job + "/items")).header("Authorization", "Bearer " + lab)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(items.toString())).build()));
        await("publish once the deposit is known").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> send(post(task() + "/api/jobs/" + job + "/publish", "{}", lab)).statusCode() == 200);
        List<String[]> experts = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            experts.add(expert("expert", domain, 2));
        }
        String[] reviewer = expert("reviewer", domain, 3);

        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        AtomicInteger flows = new AtomicInteger();
        for (String[] expert : experts) {
            workers.add(pool.submit(() -> {
                while (flows.getAndIncrement() < FLOWS) {
                    judge(job, expert, reviewer);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        await("a third of the flows").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> done.get() >= FLOWS / 3);
        stack.killReplica(LocalStack.TASK_SERVICE, 0);
        stack.stopKafkaBroker(1);
        await("two thirds of the flows").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> done.get() >= 2 * FLOWS / 3);
        stack.startKafkaBroker(1);
        stack.startReplica(LocalStack.TASK_SERVICE, 0, Duration.ofSeconds(300));
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();

        StackAudit.Report report = new StackAudit(this::connect, stack.kafkaBootstrapServers())
                .awaitConsistent(new StackAudit.Acknowledged(judgments, reviews, batches), Duration.ofMinutes(3), Duration.ofSeconds(1));
        System.out.println("ChaosTest client errors: " + clientErrors);
        System.out.print(report.table());
        assertEquals(List.of(), report.problems(), report.table());
        assertTrue(judgments.size() >= FLOWS * 9 / 10, "most flows were acknowledged: " + judgments.size() + " " + clientErrors);
        assertEquals(judgments.size(), report.value("judgments acknowledged (201) to the workload"));
    }

    /** One expert's task from claim to an accepted judgment; each step tried again on the other replica after an error. */
    private void judge(String job, String[] expert, String[] reviewer) throws Exception {
        JsonPath claim = JsonPath.from(attempt(() -> post(task() + "/api/tasks/claim", "{\"jobId\":\"" + job + "\"}", expert[1]),
                Set.of(200), true));
        String taskId = claim.getString("taskId");
        UUID sessionId = UUID.fromString(claim.getString("sessionId"));
        List<String> labels = claim.getList("item.responses.label");
        attempt(() -> post(task() + "/api/sessions/" + sessionId + "/events", "{\"seq\":0,\"events\":[{\"t\":0,\"type\":\"focus\"},"
                + "{\"t\":400,\"type\":\"view\",\"label\":\"A\",\"from\":0,\"to\":1},{\"t\":900,\"type\":\"input\","
                + "\"field\":\"overall\",\"pos\":0,\"del\":0,\"ins\":\"T\"}]}", expert[1]), Set.of(202), true);
        batches.add(StackAudit.Acknowledged.batch(sessionId, 0));
        String body = "{\"ranking\":[\"" + labels.get(0) + "\",\"" + labels.get(1) + "\"],\"preferenceStrength\":-2,\"scores\":{\""
                + labels.get(0) + "\":{\"accuracy\":4},\"" + labels.get(1) + "\":{\"accuracy\":2}},\"rationales\":{\"accuracy\":\""
                + RATIONALE + "\"},\"critiques\":[{\"label\":\"" + labels.get(1) + "\",\"category\":\"FACTUAL_ERROR\",\"severity\":"
                + "\"MAJOR\",\"comment\":\"Misreads the exception.\"}],\"overallRationale\":\"" + RATIONALE + "\"}";
        String submitted = attempt(() -> post(task() + "/api/tasks/" + taskId + "/judgment", body, expert[1]), Set.of(201, 409), true);
        if (!submitted.contains("judgmentId")) {
            return; // stored by an attempt whose answer was lost: not acknowledged, so not counted as such
        }
        UUID judgmentId = UUID.fromString(JsonPath.from(submitted).getString("judgmentId"));
        judgments.add(judgmentId);
        String reviewed = attempt(() -> post(task() + "/api/reviews/" + judgmentId, "{\"decision\":\"ACCEPT\",\"strengths\":"
                + "\"Applies the rule.\",\"issues\":\"None.\"}", reviewer[1]), Set.of(201, 409), true);
        if (reviewed.contains("reviewId")) {
            reviews.add(UUID.fromString(JsonPath.from(reviewed).getString("reviewId")));
        }
    }

    private interface RequestFactory {
        HttpRequest build() throws Exception;
    }

    /**
     * Sends until one of {@code wanted} comes back, each try on the next replica (at most 8 tries). A 409 counts only
     * after a try whose answer was lost (the write may have been stored). Errors are counted by class.
     */
    private String attempt(RequestFactory request, Set<Integer> wanted, boolean retryAfterLostAnswer) throws Exception {
        boolean lost = false;
        for (int i = 0; i < 8; i++) {
            try {
                HttpResponse<String> r = send(request.build());
                if (wanted.contains(r.statusCode()) && (r.statusCode() != 409 || lost)) {
                    return r.body();
                }
                clientErrors.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                lost |= r.statusCode() >= 500;
                if (r.statusCode() < 500) {
                    throw new AssertionError("unexpected answer " + r.statusCode() + ": " + r.body());
                }
            } catch (ConnectException e) {
                clientErrors.computeIfAbsent("connection refused", k -> new AtomicInteger()).incrementAndGet();
            } catch (IOException e) {
                clientErrors.computeIfAbsent("answer lost (" + e.getClass().getSimpleName() + ")", k -> new AtomicInteger())
                        .incrementAndGet();
                lost = true;
                if (!retryAfterLostAnswer) {
                    throw new AssertionError("a claim's answer was lost; not retried", e);
                }
            }
        }
        throw new AssertionError("no answer after 8 tries; errors so far " + clientErrors);
    }

    private String task() {
        List<String> urls = stack.replicaUrls(LocalStack.TASK_SERVICE);
        return urls.get((int) (turn.getAndIncrement() % urls.size()));
    }

    private String createJob(String lab, String domain) throws Exception {
        String spec = "{\"title\":\"Chaos\",\"domain\":\"" + domain + "\",\"instructions\":\"Compare.\",\"comparison\":\"PAIRWISE\","
                + "\"dimensions\":[{\"key\":\"accuracy\",\"description\":\"correct?\",\"scaleMin\":1,\"scaleMax\":5}],"
                + "\"judgmentsPerItem\":1,\"minTier\":1,\"maxLeasesPerExpert\":1000,\"spotCheckPercent\":0,"
                + "\"hourlyRate\":{\"amountMinor\":5000,\"currency\":\"USD\"},\"expectedMinutesPerItem\":10,"
                + "\"budget\":{\"amountMinor\":10000000,\"currency\":\"USD\"}}";
        String[] id = new String[1];
        // the new domain reaches task-service through Kafka: a 400 naming it may come first
        await("the job").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> r = send(post(task() + "/api/jobs", spec, lab));
            id[0] = r.statusCode() == 201 ? JsonPath.from(r.body()).getString("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    /** A registered expert, qualified in {@code domain} at {@code tier} in task-service's own table: (id, token). */
    private String[] expert(String who, String domain, int tier) throws Exception {
        String email = who + "-" + UUID.randomUUID() + "@chaos.arbiter.local";
        String id = JsonPath.from(expect(201, send(post(stack.gatewayUrl() + "/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"correct horse battery staple\",\"displayName\":\"" + who + "\",\"role\":\"EXPERT\"}", null))))
                .getString("id");
        try (Connection db = connect("tasks"); PreparedStatement q = db.prepareStatement(
                "insert into expert_domain (expert_id, domain, tier, source) values (?::uuid, ?, ?, 'TEST')")) {
            q.setString(1, id);
            q.setString(2, domain);
            q.setInt(3, tier);
            q.executeUpdate();
        }
        return new String[] {id, login(email, "correct horse battery staple")};
    }

    private String register(String who, String role) throws Exception {
        String email = who + "-" + UUID.randomUUID() + "@chaos.arbiter.local";
        expect(201, send(post(stack.gatewayUrl() + "/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse "
                + "battery staple\",\"displayName\":\"" + who + "\",\"role\":\"" + role + "\",\"organization\":\"Chaos "
                + UUID.randomUUID() + "\"}", null)));
        return login(email, "correct horse battery staple");
    }

    private String login(String email, String password) throws Exception {
        return JsonPath.from(expect(200, send(post(stack.gatewayUrl() + "/api/auth/login", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}", null)))).getString("accessToken");
    }

    private Connection connect(String database) throws java.sql.SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), LocalPostgres.USERNAME, LocalPostgres.PASSWORD);
    }

    private static HttpRequest post(String url, String json, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.build();
    }

    private static HttpRequest get(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer)
                .GET().build();
    }

    private static HttpRequest withKey(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Idempotency-Key", "chaos-" + UUID.randomUUID()).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }
}
