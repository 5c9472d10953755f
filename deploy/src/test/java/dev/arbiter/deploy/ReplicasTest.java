package dev.arbiter.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.deploy.web.StackApi;
import dev.arbiter.infra.LocalPostgres;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack at rehearsal scale: two replicas of every service behind the gateway and the connection
 * balancer, on a three-broker Kafka. Claims spread over both task-service replicas and never hand a slot out
 * twice; with two outbox relays and two consumers per group, each event is published once and applied once;
 * a broker down, a replica killed, the platform goes on. Skipped like {@link EndToEndTest} when the service
 * jars are not built.
 */
class ReplicasTest {

    private static final Duration KAFKA = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static StackApi api;
    private static String skipReason;

    @BeforeAll
    static void startTwoReplicasOfEverythingOnThreeBrokers() {
        Path repoRoot = LocalStack.detectRepoRoot();
        List<Path> missing = LocalStack.missingServiceJars(repoRoot);
        if (!missing.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the replicas test, but service jars are missing: " + missing);
        }
        if (!missing.isEmpty()) {
            skipReason = "Skipping the replicas test: service jars not built " + missing;
            System.out.println(skipReason);
            return;
        }
        try {
            stack = LocalStack.start(LocalStackOptions.builder()
                    .dataDir(dataDir.resolve("arbiter"))
                    .httpPort(0)
                    .repoRoot(repoRoot)
                    .replicas(2)
                    .kafkaBrokers(3)
                    .readyTimeout(Duration.ofSeconds(480))
                    // eight service JVMs on a loaded two-core machine: a first database connection may take
                    // longer than the pool's 5 s to open, which would fail the start, not the test's subject
                    .javaOptions(withLongerConnectionWait(LocalStackOptions.DEFAULT_JAVA_OPTIONS))
                    .build());
        } catch (RuntimeException e) {
            keepTheLogs();
            throw e;
        }
        api = new StackApi(stack.gatewayUrl());
    }

    private static List<String> withLongerConnectionWait(List<String> javaOptions) {
        List<String> options = new ArrayList<>(javaOptions);
        options.add("-Dquarkus.datasource.jdbc.acquisition-timeout=60S");
        return options;
    }

    @BeforeEach
    void requireTheServiceJars() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
            keepTheLogs();
        }
    }

    /** The stack's logs outlive the temporary data directory, so a failed run can be read afterwards. */
    private static void keepTheLogs() {
        Path logs = dataDir.resolve("arbiter").resolve("logs");
        Path kept = Path.of("target", "replicas-logs");
        try (var files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("Could not keep the logs of " + logs + ": " + e);
        }
    }

    @Test
    void shouldRunTwoReplicasOfEveryServiceEachOnPortsOfItsOwn() {
        Set<String> urls = new HashSet<>();
        for (String service : LocalStack.SERVICE_DATABASES.keySet()) {
            assertEquals(2, stack.replicas(service), service);
            urls.addAll(stack.replicaUrls(service));
            urls.add(stack.managementUrl(service, 0));
            urls.add(stack.managementUrl(service, 1));
            assertEquals(stack.replicaUrls(service).get(0), stack.serviceUrl(service));
        }
        assertEquals(16, urls.size(), "every replica has an HTTP and a management port of its own: " + urls);
        assertEquals(3, stack.kafkaBrokers());
        assertEquals(3, stack.kafkaBootstrapServers().split(",").length);
        assertTrue(Files.isRegularFile(dataDir.resolve("arbiter/logs/task-service-1.log")));
        // the run directory names every replica, so the watchdog and the next start stop them all
        Set<String> recorded = new RunDirectory(dataDir.resolve("arbiter")).children().stream()
                .map(RunDirectory.Recorded::name).collect(Collectors.toSet());
        assertTrue(recorded.containsAll(Set.of("task-service", "task-service-1", "marketplace-api-1", "payout-service-1")), recorded.toString());
        assertTrue(stack.banner().contains("task-service-1"), stack.banner());
    }

    @Test
    void shouldSpreadClaimsOverBothTaskServiceReplicasWithoutHandingASlotOutTwice() throws Exception {
        String admin = api.login(stack.adminEmail(), stack.adminPassword());
        String labEmail = "lab-" + UUID.randomUUID() + "@replicas.arbiter.local";
        api.register(labEmail, "LAB", "Replica Lab", "Replica Lab " + UUID.randomUUID());
        String lab = api.login(labEmail, StackApi.PASSWORD);
        String jobId = api.as(lab).body(Map.ofEntries(
                        Map.entry("title", "Claims across replicas"), Map.entry("domain", "medicine"),
                        Map.entry("instructions", "Prefer the safer answer."), Map.entry("comparison", "PAIRWISE"),
                        Map.entry("dimensions", List.of(Map.of("key", "accuracy", "description", "Is it right?", "scaleMin", 1, "scaleMax", 5))),
                        Map.entry("judgmentsPerItem", 2), Map.entry("minTier", 1),
                        Map.entry("hourlyRate", Map.of("amountMinor", 6000, "currency", "USD")),
                        Map.entry("expectedMinutesPerItem", 10),
                        Map.entry("budget", Map.of("amountMinor", 100_000, "currency", "USD")), Map.entry("spotCheckPercent", 0)))
                .post("/api/jobs").then().statusCode(201).extract().path("id");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            items.append("{\"prompt\":\"Question ").append(i).append("\",\"responses\":[{\"id\":\"a\",\"text\":\"One.\"},")
                    .append("{\"id\":\"b\",\"text\":\"Two.\"}]}\n");
        }
        api.as(lab).contentType("application/x-ndjson").body(items.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201);
        api.fund(admin, lab, 500_000);
        api.publish(lab, jobId);
        List<String> experts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            experts.add(api.qualifiedExpert(admin, "medicine", 1));
        }
        double claimsBefore = claimsServed(0) + claimsServed(1);

        // 4 experts x 2 claims (the lease cap per expert and job), all at once, for 6 slots (3 items x 2 judgments)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> claims = new ArrayList<>();
        try {
            for (String expert : experts) {
                for (int c = 0; c < 2; c++) {
                    claims.add(pool.submit(() -> api.as(expert).body(Map.of("jobId", jobId)).post("/api/tasks/claim")));
                }
            }
            List<String> taskIds = new ArrayList<>();
            for (Future<Response> claim : claims) {
                Response r = claim.get(60, TimeUnit.SECONDS);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 204, "a claim is a task or nothing: " + r.statusCode()
                        + " " + r.asString());
                if (r.statusCode() == 200) {
                    taskIds.add(r.path("taskId"));
                }
            }
            assertEquals(taskIds.size(), new HashSet<>(taskIds).size(), "no task handed out twice");
            assertTrue(taskIds.size() >= 4 && taskIds.size() <= 6, "6 slots, 8 claims: " + taskIds.size() + " tasks");

            try (Connection tasks = connect("tasks")) {
                assertEquals(taskIds.size(), count(tasks, "select count(*) from task where job_id = ?::uuid", jobId),
                        "every task in the database was answered to a claim");
                assertEquals(0, count(tasks, "select count(*) from (select slot_id from task where job_id = ?::uuid "
                        + "group by slot_id having count(*) > 1) twice", jobId), "no slot assigned twice");
                assertEquals(0, count(tasks, "select count(*) from (select item_id, expert_id from task where job_id = ?::uuid "
                        + "group by item_id, expert_id having count(*) > 1) twice", jobId), "no expert twice on one item");
                assertEquals(0, count(tasks, "select count(*) from (select item_id from task where job_id = ?::uuid "
                        + "group by item_id having count(*) > 2) over", jobId), "no item with more assignments than judgments asked");
                assertEquals(taskIds.size(), count(tasks, "select count(*) from item_slot where job_id = ?::uuid "
                        + "and state = 'LEASED'", jobId), "each task holds a slot of its own");
            }
        } finally {
            pool.shutdownNow();
        }
        // each replica's own count of the requests it served (Micrometer, on its management port)
        double first = claimsServed(0);
        double second = claimsServed(1);
        System.out.printf("ReplicasTest: claims served by task-service replica 0 / 1 (since start): %.0f / %.0f%n", first, second);
        assertEquals(8.0, first + second - claimsBefore, "every claim reached exactly one replica");
        assertTrue(first > 0 && second > 0, "both task-service replicas served claims: " + first + " and " + second);
    }

    @Test
    void shouldPublishEachOutboxRowOnceAndApplyEachEventOnceWithTwoReplicasOfEachSide() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(api.register("expert-" + UUID.randomUUID() + "@replicas.arbiter.local", "EXPERT", "Replica Expert", null));
        }
        Map<String, Integer> outboxRows = new HashMap<>();
        List<String> eventIds = new ArrayList<>();
        try (Connection marketplace = connect("marketplace")) {
            await("both relays published the registrations").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(marketplace, "select count(*) from outbox_message where message_key = any(?) "
                            + "and published_at is null", ids.toArray(String[]::new)) == 0);
            try (PreparedStatement q = marketplace.prepareStatement(
                    "select message_key, event_id::text from outbox_message where message_key = any(?)")) {
                q.setArray(1, marketplace.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        outboxRows.merge(rs.getString(1), 1, Integer::sum);
                        eventIds.add(rs.getString(2));
                    }
                }
            }
        }
        assertEquals(Set.copyOf(ids), outboxRows.keySet(), "each registration wrote its event to the outbox");

        // on the topic, exactly as many records per account as outbox rows: no row published by both relays
        Map<String, Integer> published = recordsPerKey("marketplace.accounts.v1", Set.copyOf(ids));
        assertEquals(outboxRows, published);

        // payout-service and task-service, two consumers each in one group: each event applied, once
        for (String database : List.of("payouts", "tasks")) {
            try (Connection db = connect(database)) {
                await(database + " applied every registration").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(db, "select count(*) from inbox_event where event_id = any(?::uuid[])",
                                eventIds.toArray(String[]::new)) == eventIds.size());
            }
        }
        // every consumer of the group is there twice: once per replica
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("payout-service")).all()
                    .get(30, TimeUnit.SECONDS).get("payout-service");
            Map<String, Long> perClient = group.members().stream()
                    .collect(Collectors.groupingBy(MemberDescription::clientId, Collectors.counting()));
            assertTrue(!perClient.isEmpty() && perClient.values().stream().allMatch(n -> n == 2),
                    "each consumer of payout-service once per replica: " + perClient);
        }
    }

    @Test
    void shouldCarryEventsWithOneOfThreeBrokersDown() {
        String admin = api.login(stack.adminEmail(), stack.adminPassword());
        stack.stopKafkaBroker(1);
        try {
            // registration -> outbox -> Kafka (acks=all, min.insync.replicas 2) -> qualification-service -> grant ->
            // Kafka -> task-service: every hop with a broker down
            String expert = api.qualifiedExpert(admin, "law", 2);
            api.as(expert).get("/api/tasks/eligibility").then().statusCode(200);
        } finally {
            stack.startKafkaBroker(1);
        }
    }

    @Test
    void shouldKeepServingThroughTheGatewayWhileAReplicaIsDown() {
        String admin = api.login(stack.adminEmail(), stack.adminPassword());
        stack.killReplica(LocalStack.TASK_SERVICE, 1);
        try {
            // the gateway skips the replica that refuses connections: no request fails for it
            for (int i = 0; i < 10; i++) {
                api.as(admin).get("/api/jobs").then().statusCode(200);
            }
        } finally {
            stack.startReplica(LocalStack.TASK_SERVICE, 1, Duration.ofSeconds(180));
        }
        assertTrue(httpStatus(stack.managementUrl(LocalStack.TASK_SERVICE, 1) + "/q/health/ready") == 200);
    }

    /** The claims one task-service replica has answered, by its own metrics. */
    private static double claimsServed(int replica) {
        String metrics = httpBody(stack.managementUrl(LocalStack.TASK_SERVICE, replica) + "/q/metrics");
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/api/tasks/claim\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Reads a topic from its start to its current end, counting the records of each of {@code keys}. */
    private static Map<String, Integer> recordsPerKey(String topic, Set<String> keys) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        counts.merge(r.key(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), LocalPostgres.USERNAME, LocalPostgres.PASSWORD);
    }

    private static long count(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            if (parameter instanceof String[] array) {
                q.setArray(1, db.createArrayOf("text", array));
            } else {
                q.setObject(1, parameter);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String httpBody(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + url, e);
        }
    }

    private static int httpStatus(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
