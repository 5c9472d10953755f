package dev.arbiter.bench.chaos;

import dev.arbiter.bench.common.Await;
import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.OpenLoop;
import dev.arbiter.bench.common.PhaseStats;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.deploy.LocalStack;
import dev.arbiter.deploy.audit.StackAudit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judging traffic through a series of faults, then proof by counting that nothing was lost, doubled or left
 * behind. With two replicas of each service and three Kafka brokers ({@code --replicas 2 --kafka-brokers 3}), while
 * experts claim, record, submit and QA reviewers accept (open loop, a fixed rate): one task-service and one
 * payout-service replica killed with SIGKILL and started again; one broker stopped for 30 s; PostgreSQL restarted;
 * Kafka stopped entirely for 60 s (writes go on into the outboxes), then the drain timed. Afterwards
 * {@link StackAudit} counts in the databases and on the topics; any count that is off fails the run.
 */
public final class ChaosBenchmark implements Benchmark {

    static final List<String> FAULTS = List.of("kill-task", "kill-payout", "broker", "postgres", "kafka");
    private static final List<String> OUTBOX_DATABASES = List.copyOf(LocalStack.SERVICE_DATABASES.values());

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public String description() {
        return "judging through kill -9s, a broker outage, a PostgreSQL restart and 60 s without Kafka; exact counts after";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --rate N              requests/s offered by the workload (40)",
                "  --experts N           experts judging (30)",
                "  --reviewers N         QA reviewers (6)",
                "  --items N             items of the job, one judgment each (8000)",
                "  --min-judgments N     keep the workload going after the faults until this many are acknowledged (1000)",
                "  --steady DURATION     load before the first fault and after the last (20s)",
                "  --broker-outage D     how long one broker is down (30s)",
                "  --kafka-outage D      how long all of Kafka is down (60s)",
                "  --audit-timeout D     how long the counts may take to come right (5m)",
                "  --faults LIST         which faults, in this order: kill-task,kill-payout,broker,postgres,kafka (all)",
                "  (start the stack with --replicas 2 --kafka-brokers 3)");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        LocalStack stack = target.localStack();
        if (stack == null) {
            throw new IllegalArgumentException("chaos injects faults into the stack it starts: run it without --gateway");
        }
        Set<String> faults = faults(options.string("faults", String.join(",", FAULTS)));
        if ((faults.contains("kill-task") && stack.replicas(LocalStack.TASK_SERVICE) < 2)
                || (faults.contains("kill-payout") && stack.replicas(LocalStack.PAYOUT_SERVICE) < 2)
                || (faults.contains("broker") && stack.kafkaBrokers() < 3)) {
            throw new IllegalArgumentException("killing a replica needs two replicas of its service, stopping one broker needs "
                    + "three: add --replicas 2 --kafka-brokers 3, or leave those faults out of --faults");
        }
        double rate = options.integer("rate", 40);
        Duration steady = options.duration("steady", Duration.ofSeconds(20));
        Duration brokerOutage = options.duration("broker-outage", Duration.ofSeconds(30));
        Duration kafkaOutage = options.duration("kafka-outage", Duration.ofSeconds(60));
        Duration auditTimeout = options.duration("audit-timeout", Duration.ofMinutes(5));
        int minJudgments = options.integer("min-judgments", 1000);
        Duration ready = Duration.ofSeconds(300);

        progress("setup: lab, job, experts and reviewers ...");
        JudgingSetup setup = JudgingSetup.create(target, options.integer("items", 8000), options.integer("experts", 30),
                options.integer("reviewers", 6));

        List<PhaseStats> phases = new ArrayList<>();
        PhaseStats first = new PhaseStats("steady, before the faults");
        phases.add(first);
        Workload workload = new Workload(setup, () -> stack.replicaUrls(LocalStack.TASK_SERVICE), true, 10,
                Duration.ofSeconds(30), first);
        Map<String, String> health = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICE_DATABASES.keySet()) {
            for (int r = 0; r < stack.replicas(service); r++) {
                health.put(service + "#" + r, readiness(stack.managementUrl(service, r)));
            }
        }
        String[] phaseName = {first.name()};
        List<String> notes = new ArrayList<>();
        try (HealthWatch watch = new HealthWatch(health, () -> phaseName[0])) {
            boolean[] stop = {false};
            Thread driver = new Thread(() -> OpenLoop.runUntil(rate, () -> stop[0], workload::fire), "chaos-workload");
            driver.setDaemon(true);
            driver.start();
            progress(String.format(Locale.ROOT, "workload: %.0f requests/s, open loop; replicas %s", rate,
                    stack.replicaUrls(LocalStack.TASK_SERVICE)));
            Thread.sleep(steady.toMillis());

            long t0;
            if (faults.contains("kill-task")) {
                next(phases, workload, phaseName, "kill -9 task-service#0, restart");
                t0 = System.nanoTime();
                stack.killReplica(LocalStack.TASK_SERVICE, 0);
                stack.startReplica(LocalStack.TASK_SERVICE, 0, ready);
                notes.add(String.format(Locale.ROOT, "task-service#0 killed and ready again after %.1f s", since(t0)));
            }
            if (faults.contains("kill-payout")) {
                next(phases, workload, phaseName, "kill -9 payout-service#0, restart");
                t0 = System.nanoTime();
                stack.killReplica(LocalStack.PAYOUT_SERVICE, 0);
                stack.startReplica(LocalStack.PAYOUT_SERVICE, 0, ready);
                notes.add(String.format(Locale.ROOT, "payout-service#0 killed and ready again after %.1f s", since(t0)));
            }
            if (faults.contains("broker")) {
                next(phases, workload, phaseName, "Kafka broker 1 stopped for " + brokerOutage.toSeconds() + " s");
                stack.stopKafkaBroker(1);
                Thread.sleep(brokerOutage.toMillis());
                stack.startKafkaBroker(1);
            }
            if (faults.contains("postgres")) {
                next(phases, workload, phaseName, "PostgreSQL restart");
                t0 = System.nanoTime();
                stack.restartPostgres();
                notes.add(String.format(Locale.ROOT, "PostgreSQL restarted in %.1f s", since(t0)));
                Await.until("every replica ready again after the PostgreSQL restart", ready, Duration.ofMillis(250),
                        () -> watch.allReady() ? Boolean.TRUE : null);
                notes.add(String.format(Locale.ROOT, "every replica ready again %.1f s after the restart began", since(t0)));
            }
            if (faults.contains("kafka")) {
            next(phases, workload, phaseName, "Kafka down for " + kafkaOutage.toSeconds() + " s");
            long unpublishedBefore = unpublished(target);
            stack.stopKafka();
            Thread.sleep(kafkaOutage.toMillis());
            long unpublishedAtReturn = unpublished(target);
            next(phases, workload, phaseName, "Kafka back: outbox draining");
            Instant back = Instant.now();
            t0 = System.nanoTime();
            stack.startKafka();
            long[] peak = {unpublishedAtReturn};
            Await.until("the outboxes drained after Kafka came back", Duration.ofMinutes(5), Duration.ofMillis(250), () -> {
                long n = unpublished(target);
                peak[0] = Math.max(peak[0], n);
                return n == 0 ? Boolean.TRUE : null;
            });
            double drainSeconds = since(t0);
            long publishedSince = publishedSince(target, back);
            notes.add(String.format(Locale.ROOT, "Kafka outage: unpublished outbox rows %d before, %d when Kafka came back (peak %d); "
                            + "drained to 0 in %.1f s; %d rows published meanwhile = %.0f rows/s (the workload kept writing)",
                    unpublishedBefore, unpublishedAtReturn, peak[0], drainSeconds, publishedSince, publishedSince / drainSeconds));
            }

            next(phases, workload, phaseName, "steady, after the faults");
            long steadyUntil = System.nanoTime() + steady.toNanos();
            long bound = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while ((System.nanoTime() < steadyUntil || workload.reviewsAcknowledged() < minJudgments) && System.nanoTime() < bound) {
                Thread.sleep(250);
            }
            stop[0] = true;
            driver.join(10_000);
            workload.drain(Duration.ofSeconds(60));
            phases.get(phases.size() - 1).end();
            workload.close();

            System.out.println();
            System.out.println("== chaos: judging traffic through faults (replicas: " + replicaSummary(stack) + ", Kafka brokers: "
                    + stack.kafkaBrokers() + ")");
            System.out.println(String.format(Locale.ROOT, "  claims %d, judgments acknowledged %d, reviews acknowledged %d; "
                            + "writes stored though their answer was lost %d; flows abandoned after %d tries %d; nothing to claim %d",
                    workload.claims.get(), workload.judgmentsAcknowledged(), workload.reviewsAcknowledged(),
                    workload.storedWithoutAck.get(), Workload.MAX_ATTEMPTS, workload.abandoned.get(), workload.nothingToClaim.get()));
            notes.forEach(n -> System.out.println("  " + n));
            System.out.println();
            System.out.println("  readiness changes seen on the management ports:");
            watch.transitions().forEach(c -> System.out.println("    " + c));
            for (PhaseStats p : phases) {
                p.print(System.out);
            }
        }

        progress("counting in the databases and on the topics (bounded poll until the consumers and the finaliser are done) ...");
        StackAudit.Report report = new StackAudit(target::connect, target.kafkaBootstrapServers())
                .awaitConsistent(workload.acknowledged(), auditTimeout, Duration.ofSeconds(2));
        System.out.println("== chaos: counts after the faults (each marked ok must be exact)");
        System.out.print(report.table());
        System.out.println();
        if (!report.ok()) {
            throw new IllegalStateException("counts off after the faults: " + report.problems());
        }
        if (workload.judgmentsAcknowledged() < minJudgments || workload.reviewsAcknowledged() < minJudgments) {
            throw new IllegalStateException("the run acknowledged only " + workload.judgmentsAcknowledged() + " judgments and "
                    + workload.reviewsAcknowledged() + " reviews (wanted " + minJudgments + ")");
        }
        System.out.println("  verdict: every count exact");
    }

    /** The faults this run injects, in the order the benchmark always injects them. */
    static Set<String> faults(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String f : list.split(",")) {
            String name = f.trim();
            if (!name.isEmpty() && !FAULTS.contains(name)) {
                throw new IllegalArgumentException("--faults: unknown fault '" + name + "'; choose from " + FAULTS);
            }
            if (!name.isEmpty()) {
                chosen.add(name);
            }
        }
        return chosen;
    }

    private static void next(List<PhaseStats> phases, Workload workload, String[] phaseName, String name) {
        phases.get(phases.size() - 1).end();
        PhaseStats next = new PhaseStats(name);
        phases.add(next);
        workload.phase(next);
        phaseName[0] = name;
        progress("phase: " + name);
    }

    private static String readiness(String managementUrl) {
        return managementUrl.endsWith("/q/health/ready") ? managementUrl : managementUrl.replaceAll("/$", "") + "/q/health/ready";
    }

    private static String replicaSummary(LocalStack stack) {
        List<String> out = new ArrayList<>();
        LocalStack.SERVICE_DATABASES.keySet().forEach(s -> out.add(s + " " + stack.replicas(s)));
        return String.join(", ", out);
    }

    /** Outbox rows not yet published, in every service's database. */
    private static long unpublished(StackTarget target) throws Exception {
        long total = 0;
        for (String db : OUTBOX_DATABASES) {
            try (Connection c = target.connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from outbox_message where published_at is null")) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }

    private static long publishedSince(StackTarget target, Instant since) throws Exception {
        long total = 0;
        for (String db : OUTBOX_DATABASES) {
            try (Connection c = target.connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from outbox_message where published_at >= '" + since + "'")) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }

    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
