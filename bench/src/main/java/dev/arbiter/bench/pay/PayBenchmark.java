package dev.arbiter.bench.pay;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import dev.arbiter.deploy.LocalStack;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

/**
 * payout-service under load and under a crash. Three parts, all against the same stack:
 * <ol>
 *   <li><b>accrual</b>: N {@code WorkSessionVerified} events (default 10,000) produced onto
 *   {@code tasks.events.v1} as fast as the producer goes; sessions accrued a second from the first send to
 *   the last accrual, and each session's event-to-ledger latency ({@code accrued_at − occurred_at}).
 *   Baseline in the same run: the same ledger rows (transaction, two entries, the session line) inserted
 *   straight over JDBC, one transaction a session, from as many threads as the service consumes with.</li>
 *   <li><b>faults</b>: another N sessions while payout-service is killed with SIGKILL mid-stream and started
 *   again, and the first part of them produced a second time (same event ids: Kafka's redelivery) and a
 *   third time (new event ids for the same sessions: a producer that retried). Afterwards every session is
 *   accrued exactly once, the amounts are the pay formula's, the books balance, and every expert's lines
 *   add up to their ledger balances.</li>
 *   <li><b>statement and batch</b>: {@link StatementAndBatchMeasurement}.</li>
 * </ol>
 */
public final class PayBenchmark implements Benchmark {

    /** payout-service's consumers of tasks.events.v1 ({@code concurrency}); the baseline gets as many threads. */
    static final int CONSUMERS = 3;

    @Override
    public String name() {
        return "pay";
    }

    @Override
    public String description() {
        return "payout-service: accrual of 10,000 verified sessions from Kafka vs direct ledger inserts; the same "
                + "across a SIGKILL and redelivery (exactly once); statements and batches of 10,000";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --sessions N      verified sessions per part (10000)",
                "  --experts N       experts the sessions belong to (200)",
                "  --skip-faults     measure only (no kill and restart)",
                "  --parts LIST      which parts to run, of accrual,faults,statement,batch (default all)",
                "  --timeout 10m     give up waiting for accruals after this long");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int count = options.integer("sessions", 10_000);
        int experts = options.integer("experts", 200);
        Duration timeout = options.duration("timeout", Duration.ofMinutes(10));
        TaskBench bench = new TaskBench(target, new JsonHttp());
        bench.registerLab();
        PaySetup setup = new PaySetup(target, bench);
        String organizationId = setup.organizationId();
        setup.fund(organizationId, 1_000_000_000_000L / 100);

        SessionStream stream = new SessionStream(target.kafkaBootstrapServers(), organizationId, experts, 20261130L);

        String parts = options.string("parts", "accrual,faults,statement,batch");
        if (parts.contains("accrual")) {
            accrual(target, setup, stream, organizationId, count, experts, timeout);
        }
        // ---- 2. a crash and redelivery mid-stream
        if (parts.contains("faults") && !options.flag("skip-faults")) {
            faults(target, setup, stream, organizationId, count, timeout);
        }
        // ---- 3. statements and batches
        if (parts.contains("statement") || parts.contains("batch")) {
            new StatementAndBatchMeasurement(target, bench, setup).run(stream, organizationId, count, timeout,
                    parts.contains("statement"), parts.contains("batch"));
        }
    }

    private void accrual(StackTarget target, PaySetup setup, SessionStream stream, String organizationId, int count,
                         int experts, Duration timeout) throws Exception {
        // ---- 1. accrual throughput and latency
        UUID job = setup.publishJob(organizationId, stream, 5_000_000_000L);
        progress(fmt("accrual: producing %d WorkSessionVerified events ...", count));
        List<SessionStream.Sent> sent = stream.sessions(job, count);
        long began = System.nanoTime();
        Map<UUID, Instant> sentAt = stream.produce(sent);
        double produceSeconds = (System.nanoTime() - began) / 1e9;
        Accruals accruals = new Accruals(target);
        accruals.awaitCount(job, count, timeout);
        double accrualSeconds = (System.nanoTime() - began) / 1e9;
        Accruals.Latency latency = accruals.latency(job, sentAt);

        progress(fmt("baseline: the same ledger rows inserted over JDBC, %d threads ...", CONSUMERS));
        DirectLedgerInserts direct = new DirectLedgerInserts(target);
        UUID baselineJob = setup.publishJob(organizationId, stream, 5_000_000_000L);
        double directPerSecond = direct.insert(baselineJob, organizationId, stream.sessions(baselineJob, count), CONSUMERS);

        ResultsTable table = new ResultsTable(fmt("accrual: %d verified sessions, %d experts", count, experts), "sessions/s");
        table.line(fmt("payout-service from Kafka: %d accrued in %.1f s from the first send: %.0f sessions/s (producing took %.1f s)",
                count, accrualSeconds, count / accrualSeconds, produceSeconds));
        table.line(fmt("event-to-ledger latency (occurred_at -> accrued_at): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms",
                latency.p50(), latency.p90(), latency.p99(), latency.max()));
        table.line(fmt("baseline, the same rows by JDBC (%d threads, a transaction a session): %.0f sessions/s", CONSUMERS,
                directPerSecond));
        table.line(fmt("ratio payout-service / baseline: %.2fx", count / accrualSeconds / directPerSecond));
        table.note("an accrual: inbox row, session line, ledger transaction with two or three entries (their trigger "
                + "keeps the stored balances), the live lease closed, the budget check, one outbox event; the "
                + "baseline writes the transaction, entries and line only");
        table.note("producer, broker, service and PostgreSQL share this machine's CPUs");
        table.print(System.out);
    }

    private void faults(StackTarget target, PaySetup setup, SessionStream stream, String organizationId, int count,
                        Duration timeout) throws Exception {
        LocalStack stack = target.localStack();
        if (stack == null) {
            progress("faults: skipped (needs a stack this run started: it kills payout-service)");
            return;
        }
        UUID job = setup.publishJob(organizationId, stream, 5_000_000_000L);
        List<SessionStream.Sent> sessions = stream.sessions(job, count);
        Accruals accruals = new Accruals(target);
        progress(fmt("faults: producing %d sessions; payout-service is killed once a quarter of them are accrued ...", count));
        Thread producer = new Thread(() -> stream.produceUnchecked(sessions), "pay-bench-producer");
        producer.start();
        accruals.awaitCount(job, count / 4, timeout);
        long before = accruals.count(job);
        long killedAt = System.nanoTime();
        stack.killAndRestart(LocalStack.PAYOUT_SERVICE, Duration.ofSeconds(120));
        double down = (System.nanoTime() - killedAt) / 1e9;
        producer.join();
        int replayed = count / 5;
        progress(fmt("faults: restarted after %.1f s (%d accrued before the kill); producing the first %d again with the "
                + "same event ids and again with new event ids ...", down, before, replayed));
        stream.produce(sessions.subList(0, replayed));
        stream.produce(stream.withNewEventIds(sessions.subList(0, replayed)));
        accruals.awaitCount(job, count, timeout);
        accruals.awaitQuiet(job, Duration.ofSeconds(5));

        FaultCheck check = new FaultCheck(target, setup);
        FaultCheck.Outcome outcome = check.check(job, sessions);
        ResultsTable table = new ResultsTable(fmt("faults: %d sessions across a SIGKILL of payout-service, %d redelivered twice",
                count, replayed), "sessions/s");
        table.line(fmt("accrued lines: %d for %d sessions (%s); amounts as the pay formula says: %s",
                outcome.lines(), count, outcome.lines() == count ? "exactly once" : "WRONG", outcome.amountsRight() ? "yes" : "NO"));
        table.line(fmt("ledger verify: balanced=%s, %d transactions, discrepancies %s", outcome.balanced(),
                outcome.transactions(), outcome.discrepancies()));
        table.line(fmt("experts whose lines add up to their ledger balances: %d of %d", outcome.expertsMatching(),
                outcome.experts()));
        table.line(fmt("payout-service down and back in %.1f s", down));
        table.print(System.out);
        if (!outcome.ok()) {
            throw new IllegalStateException("accrual across a crash answered wrongly: " + outcome);
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static void progress(String message) {
        System.out.println("[pay] " + message);
        System.out.flush();
    }

    /** One number from a query. */
    static long single(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
