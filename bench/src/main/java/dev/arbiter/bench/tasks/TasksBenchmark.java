package dev.arbiter.bench.tasks;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.StackTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * task-service under load, each figure beside a baseline of the same run:
 * <ul>
 *   <li>claiming: a job of N items × 3 judgments drained by C concurrent experts over HTTP, against
 *       the same number of bare single-row {@code UPDATE … RETURNING} transactions on the same PostgreSQL;</li>
 *   <li>upload of 100,000 items (seconds, the service's peak heap) against a bare JDBC batch insert of the same rows;</li>
 *   <li>export of 100,000 accepted judgments as {@code trl} (seconds, MB/s) against {@code COPY … TO STDOUT} of the same rows.</li>
 * </ul>
 */
public final class TasksBenchmark implements Benchmark {

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public String description() {
        return "task-service: contention-proof claiming vs bare UPDATE…RETURNING, 100k-item upload, 100k-judgment trl export";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --items N          items of the claim job, 3 judgments each (10000)",
                "  --claimers N       concurrent experts claiming (200)",
                "  --upload-items N   items of the upload (and export) job (100000)",
                "  --skip-claims, --skip-upload, --skip-export");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        TaskBench bench = new TaskBench(target, new JsonHttp());
        bench.registerLab();
        if (!options.flag("skip-claims")) {
            new ClaimMeasurement(bench).run(options.integer("items", 10_000), options.integer("claimers", 200));
        }
        UploadMeasurement.Result upload = null;
        if (!options.flag("skip-upload") || !options.flag("skip-export")) {
            upload = new UploadMeasurement(bench).run(options.integer("upload-items", 100_000), !options.flag("skip-upload"));
        }
        if (!options.flag("skip-export")) {
            new ExportMeasurement(bench).run(upload.jobId(), upload.items());
        }
    }

    /** What the measurements share (the sessions benchmark too): the stack, a lab and its token, expert accounts. */
    public static final class TaskBench {
        public final StackTarget target;
        public final JsonHttp http;
        public final String tasks;
        public String labToken;
        private String adminToken;

        public TaskBench(StackTarget target, JsonHttp http) {
            this.target = target;
            this.http = http;
            this.tasks = target.serviceUrl("task-service");
        }

        public void registerLab() throws Exception {
            String email = "lab-" + UUID.randomUUID() + "@bench.arbiter.local";
            String password = "bench-password-" + UUID.randomUUID();
            http.postJson(target.gatewayUrl() + "/api/auth/register", Map.of("email", email, "password", password,
                    "displayName", "Bench Lab", "role", "LAB", "organization", "Bench Lab " + UUID.randomUUID()), null).expect(201);
            labToken = login(email, password);
            fundLab();
        }

        /**
         * Publishing reserves a job's budget from the lab's deposits: the admin records a deposit large enough
         * for every job a benchmark posts (through the API, with an Idempotency-Key).
         */
        private void fundLab() throws Exception {
            String organizationId = http.get(target.gatewayUrl() + "/api/me", labToken).expect(200).json()
                    .get("organizationId").asText();
            if (adminToken == null) {
                adminToken = login(target.adminEmail(), target.adminPassword());
            }
            // payout-service learns the organization from marketplace-api's event: a 404 may come first
            long deadline = System.nanoTime() + 60_000_000_000L;
            String key = "bench-deposit-" + UUID.randomUUID();
            // with several payout-service replicas the local stack hands the gateway a list of upstream URLs, which
            // marketplace-api on main cannot use yet (every proxied call answers 500): go to a replica directly
            String payouts = target.isLocal() && target.serviceUrls("payout-service").size() > 1
                    ? target.serviceUrl("payout-service") : target.gatewayUrl();
            while (true) {
                JsonHttp.Response funded = http.postIdempotent(payouts + "/api/admin/labs/" + organizationId + "/funding",
                        Map.of("amount", Map.of("amountMinor", 10_000_000_000L, "currency", "USD"), "reference", "bench deposit"),
                        adminToken, key);
                if (funded.status() != 404 || System.nanoTime() > deadline) {
                    funded.expect(201);
                    return;
                }
                Thread.sleep(200);
                key = "bench-deposit-" + UUID.randomUUID();
            }
        }

        public String login(String email, String password) throws Exception {
            return http.postJson(target.gatewayUrl() + "/api/auth/login", Map.of("email", email, "password", password), null)
                    .expect(200).json().get("accessToken").asText();
        }

        /** Registers experts (bcrypt-bound, so in parallel) and answers (id, token) pairs. */
        public List<String[]> experts(int n) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String[]>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(() -> {
                        // on a busy machine a registration can outlast the client's timeout: try again as someone else
                        for (int attempt = 1; ; attempt++) {
                            String email = "expert-" + UUID.randomUUID() + "@bench.arbiter.local";
                            String password = "bench-password-" + UUID.randomUUID();
                            try {
                                String id = http.postJson(target.gatewayUrl() + "/api/auth/register", Map.of("email", email,
                                        "password", password, "displayName", "Bench Expert", "role", "EXPERT"), null)
                                        .expect(201).json().get("id").asText();
                                return new String[] {id, login(email, password)};
                            } catch (java.net.http.HttpTimeoutException e) {
                                if (attempt == 3) {
                                    throw e;
                                }
                                progress("an expert's registration timed out; trying again (" + attempt + " of 3)");
                            }
                        }
                    }));
                }
                List<String[]> out = new ArrayList<>();
                for (Future<String[]> f : futures) {
                    out.add(f.get());
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }

        /**
         * The bench's jobs let one expert hold up to 1000 live tasks (a job's {@code maxLeasesPerExpert}, default 2):
         * the benchmarks claim without submitting (200 experts drain 30,000 slots, 150 each; 50 experts hold 1,000
         * sessions, 20 each). The claim path checks the cap all the same, so its cost is in the figures.
         */
        public static final int MAX_LEASES_PER_EXPERT = 1000;

        public String createJob(String domain, int judgmentsPerItem) throws Exception {
            progress("note: the bench job's maxLeasesPerExpert is " + MAX_LEASES_PER_EXPERT
                    + " (the default is 2): bench experts claim many tasks without submitting them");
            Map<String, Object> job = Map.ofEntries(Map.entry("title", "Bench job"), Map.entry("domain", domain),
                    Map.entry("maxLeasesPerExpert", MAX_LEASES_PER_EXPERT),
                    Map.entry("instructions", "Compare."), Map.entry("comparison", "PAIRWISE"),
                    Map.entry("dimensions", List.of(Map.of("key", "accuracy", "description", "correct?", "scaleMin", 1, "scaleMax", 5))),
                    Map.entry("judgmentsPerItem", judgmentsPerItem), Map.entry("minTier", 1),
                    Map.entry("hourlyRate", Map.of("amountMinor", 5000, "currency", "USD")),
                    Map.entry("expectedMinutesPerItem", 10), Map.entry("budget", Map.of("amountMinor", 100_000_000, "currency", "USD")));
            // a domain just added reaches task-service through Kafka: a 400 naming the domain may come first
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                JsonHttp.Response created = http.postJson(tasks + "/api/jobs", job, labToken);
                if (created.status() != 400 || !created.body().contains("\"domain\"") || System.nanoTime() > deadline) {
                    return created.expect(201).json().get("id").asText();
                }
                Thread.sleep(200);
            }
        }

        public void publish(String jobId) throws Exception {
            // the deposit reaches task-service through Kafka: a 409 insufficient-funds may come first
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                JsonHttp.Response published = http.postJson(tasks + "/api/jobs/" + jobId + "/publish", Map.of(), labToken);
                if (published.status() != 409 || !published.body().contains("insufficient-funds") || System.nanoTime() > deadline) {
                    published.expect(200);
                    return;
                }
                Thread.sleep(200);
            }
        }

        /**
         * A domain of this run alone, added to the platform's catalog by the admin: jobs and experts of one
         * measurement never meet another's. The job creation that follows waits for task-service to have it.
         */
        public String domain() throws Exception {
            String key = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            if (adminToken == null) {
                adminToken = login(target.adminEmail(), target.adminPassword());
            }
            http.postJson(target.gatewayUrl() + "/api/admin/domains", Map.of("key", key, "name", "Bench " + key), adminToken)
                    .expect(201);
            return key;
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
