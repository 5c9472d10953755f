package dev.arbiter.bench.tasks;

import static dev.arbiter.bench.tasks.TasksBenchmark.fmt;
import static dev.arbiter.bench.tasks.TasksBenchmark.progress;

import dev.arbiter.bench.common.CpuTable;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.LatencyRecorder;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ProcessCpu;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains a job of N items × 3 judgments with C concurrent experts claiming over HTTP (each claim is
 * a real {@code POST /api/tasks/claim}, each expert claims until it gets 204), then counts double and
 * over-assignments in the database. Baseline: the same number of bare single-row
 * {@code UPDATE … RETURNING} transactions from C JDBC threads against the same PostgreSQL.
 */
final class ClaimMeasurement {

    private static final int JUDGMENTS = 3;
    /** task-service's reactive pool size: the baseline gets as many database connections. */
    private static final int POOL = 20;
    /** How long the stack's idle CPU is read, before the claims and after the floor (the lower reading counts). */
    private static final Duration IDLE = Duration.ofSeconds(3);
    private final TaskBench bench;

    ClaimMeasurement(TaskBench bench) {
        this.bench = bench;
    }

    void run(int items, int claimers) throws Exception {
        String domain = bench.domain();
        String jobId = bench.createJob(domain, JUDGMENTS);
        UploadMeasurement.upload(bench, jobId, UploadMeasurement.ndjson(items, 200));
        bench.publish(jobId);
        progress(fmt("claim job %s: %d items x %d judgments; registering %d experts ...", jobId, items, JUDGMENTS, claimers));
        List<String[]> experts = bench.experts(claimers);
        try (Connection db = bench.target.connect("tasks");
             PreparedStatement q = db.prepareStatement("insert into expert_domain (expert_id, domain, tier, source) "
                     + "values (?::uuid, ?, 2, 'BENCH') on conflict do nothing")) {
            for (String[] e : experts) {
                q.setString(1, e[0]);
                q.setString(2, domain);
                q.addBatch();
            }
            q.executeBatch();
        }

        progress(fmt("%d experts claiming until the job is exhausted ...", claimers));
        LatencyRecorder claims = new LatencyRecorder();
        ProcessCpu meter = ProcessCpu.of(bench.target).orElse(null);
        boolean metered = meter != null;
        Map<String, Double> idleBefore = metered ? meter.backgroundCores(IDLE) : Map.of();
        Map<String, Double> cpuAtStart = metered ? meter.snapshot() : Map.of();
        AtomicLong empty = new AtomicLong();
        AtomicLong rateLimited = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<?>> workers = new ArrayList<>();
        for (String[] expert : experts) {
            LatencyRecorder.Series series = claims.newSeries();
            workers.add(pool.submit(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    JsonHttp.Response r = bench.http.postJson(bench.tasks + "/api/tasks/claim", Map.of("jobId", jobId), expert[1]);
                    if (r.status() == 204) {
                        empty.incrementAndGet();
                        return null;
                    }
                    if (r.status() == 429) {
                        // the per-expert claim rate (task-service's arbiter.tasks.claim-rate): wait as told, try again
                        rateLimited.incrementAndGet();
                        Thread.sleep(1000L * Math.max(1, r.json().path("retryAfterSeconds").asInt(1)));
                        continue;
                    }
                    if (r.status() != 200) {
                        series.error(r.status() + " " + r.body());
                        return null;
                    }
                    series.record(System.nanoTime() - t0);
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        claims.addElapsed(System.nanoTime() - started);
        pool.shutdown();
        LatencyStats claimStats = claims.stats();

        long doubles;
        long over;
        long sameExpert;
        long leased;
        try (Connection db = bench.target.connect("tasks"); Statement s = db.createStatement()) {
            doubles = single(s, "select count(*) from (select slot_id from task where job_id = '" + jobId
                    + "' and state not in ('RELEASED','EXPIRED') group by slot_id having count(*) > 1) x");
            over = single(s, "select count(*) from (select item_id from task where job_id = '" + jobId
                    + "' and state not in ('RELEASED','EXPIRED') group by item_id having count(*) > " + JUDGMENTS + ") x");
            sameExpert = single(s, "select count(*) from (select item_id, expert_id from task where job_id = '" + jobId
                    + "' group by item_id, expert_id having count(*) > 1) x");
            leased = single(s, "select count(*) from task where job_id = '" + jobId + "' and state = 'LEASED'");
        }

        // Every claim opened a work session whose WorkSessionOpened payout-service takes in (the job's budget check).
        // Until it has, that work competes with whatever runs next: wait for it (bounded) so that the floor is measured
        // on a quiet stack, and report how long the claims' downstream work outlasted them.
        progress("waiting until payout-service has taken in every claim's session ...");
        long drainStarted = System.nanoTime();
        long liveSessions = drained(jobId, leased, DRAIN_LIMIT_NANOS);
        long drainNanos = System.nanoTime() - drainStarted;
        Map<String, Double> claimCpu = metered ? ProcessCpu.since(cpuAtStart, meter.snapshot()) : Map.of();

        progress(fmt("HTTP floor: %d GET /api/tasks/eligibility from the same %d experts ...", claimStats.count(), claimers));
        Map<String, Double> cpuBeforeFloor = metered ? meter.snapshot() : Map.of();
        LatencyStats floor = httpFloor(experts, claimStats.count());
        Map<String, Double> floorCpu = metered ? ProcessCpu.since(cpuBeforeFloor, meter.snapshot()) : Map.of();
        Map<String, Double> background = metered ? ProcessCpu.lower(idleBefore, meter.backgroundCores(IDLE)) : Map.of();
        progress(fmt("baseline: %d bare UPDATE ... RETURNING transactions from %d JDBC threads ...", claimStats.count(), claimers));
        LatencyStats baseline = baseline((int) claimStats.count(), claimers);

        ResultsTable table = new ResultsTable(fmt("claiming: %d items x %d judgments, %d concurrent experts over HTTP until exhausted",
                items, JUDGMENTS, claimers), "claims/s");
        table.row("POST /api/tasks/claim", claimStats).row("bare UPDATE...RETURNING (baseline)", baseline)
                .row("GET /api/tasks/eligibility (HTTP floor)", floor)
                .ratio("claim / bare update", claimStats, baseline)
                .ratio("claim / HTTP floor", claimStats, floor)
                .line(fmt("slots leased %d of %d; double assignments %d, over-assigned items %d, expert twice on an item %d -> %s",
                        leased, (long) items * JUDGMENTS, doubles, over, sameExpert,
                        doubles + over + sameExpert == 0 && leased == (long) items * JUDGMENTS ? "CORRECT" : "WRONG"))
                .line(fmt("payout-service took in %d of %d claims' sessions %.1f s after the last claim (%s); claims / (claiming + that) "
                                + "= %.1f/s", liveSessions, leased, drainNanos / 1e9, liveSessions == leased ? "each once" : "MISMATCH",
                        claimStats.count() / (claimStats.seconds() + drainNanos / 1e9)))
                .line(fmt("goal: at least half the baseline's rate -> %.2fx %s", claimStats.perSecond() / baseline.perSecond(),
                        claimStats.perSecond() >= baseline.perSecond() / 2 ? "met" : "NOT met"))
                .line(fmt("claims answered 429 (per-expert claim rate) and retried after Retry-After: %d%s", rateLimited.get(),
                        rateLimited.get() == 0 ? "" : " -- the figures above include those waits"))
                .note("a claim = HTTP + JWT check + eligible jobs query + the expert's advisory lock and live-lease count "
                        + "+ one SKIP LOCKED UPDATE + task and session inserts + item read")
                .note("the job's maxLeasesPerExpert is " + TaskBench.MAX_LEASES_PER_EXPERT
                        + " (default 2): these experts claim until the job is drained without submitting")
                .note("baseline = one autocommit UPDATE bench_slot SET n = n + 1 WHERE id = ? RETURNING n per transaction, random rows, "
                        + "same PostgreSQL, as many connections as task-service's pool (20)")
                .note("client, service and PostgreSQL share this machine's CPUs");
        table.print(System.out);
        String claimRow = "claim, with its downstream drain";
        String floorRow = "GET /api/tasks/eligibility";
        Map<String, Map<String, Double>> perOperation = new LinkedHashMap<>();
        if (metered) {
            perOperation.put(claimRow, ProcessCpu.perOperation(claimCpu, claimStats.seconds() + drainNanos / 1e9,
                    claimStats.count(), background));
            perOperation.put(floorRow, ProcessCpu.perOperation(floorCpu, floor.seconds(), floor.count(), background));
        }
        new CpuTable(perOperation, background).compare("a claim", claimRow, floorRow, "task-service").print(System.out);
        if (doubles + over + sameExpert != 0 || claimStats.errors() > 0) {
            throw new IllegalStateException("claiming answered wrongly: " + claims.firstError());
        }
    }

    /** The simplest authenticated task-service request (one indexed read), same experts, same concurrency. */
    private LatencyStats httpFloor(List<String[]> experts, long count) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(experts.size());
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (String[] expert : experts) {
            LatencyRecorder.Series series = recorder.newSeries();
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    long t0 = System.nanoTime();
                    JsonHttp.Response r = bench.http.get(bench.tasks + "/api/tasks/eligibility", expert[1]);
                    if (r.status() == 200) {
                        series.record(System.nanoTime() - t0);
                    } else {
                        series.error(r.status() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        recorder.addElapsed(System.nanoTime() - started);
        pool.shutdown();
        return recorder.stats();
    }

    private LatencyStats baseline(int transactions, int threads) throws Exception {
        int connections = Math.min(threads, POOL);
        try (Connection db = bench.target.connect("tasks"); Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_slot");
            s.execute("create table bench_slot (id int primary key, n bigint not null default 0)");
            s.execute("insert into bench_slot (id) select generate_series(0, " + (transactions - 1) + ")");
        }
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            LatencyRecorder.Series series = recorder.newSeries();
            workers.add(pool.submit(() -> {
                try (Connection db = bench.target.connect("tasks");
                     PreparedStatement update = db.prepareStatement("update bench_slot set n = n + 1 where id = ? returning n")) {
                    long i;
                    while ((i = next.getAndIncrement()) < transactions) {
                        long t0 = System.nanoTime();
                        update.setInt(1, (int) ((i * 7919) % transactions));
                        try (ResultSet rs = update.executeQuery()) {
                            rs.next();
                        }
                        series.record(System.nanoTime() - t0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        recorder.addElapsed(System.nanoTime() - started);
        pool.shutdown();
        try (Connection db = bench.target.connect("tasks"); Statement s = db.createStatement()) {
            s.execute("drop table bench_slot");
        }
        return recorder.stats();
    }

    private static final long DRAIN_LIMIT_NANOS = 600_000_000_000L;

    /** Polls (250 ms) payout-service's live sessions of the job until there are {@code expected}, at most {@code limitNanos}. */
    private long drained(String jobId, long expected, long limitNanos) throws Exception {
        long deadline = System.nanoTime() + limitNanos;
        try (Connection db = bench.target.connect("payouts"); Statement s = db.createStatement()) {
            while (true) {
                long live = single(s, "select count(*) from live_session where job_id = '" + jobId + "'");
                if (live >= expected || System.nanoTime() > deadline) {
                    return live;
                }
                Thread.sleep(250);
            }
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
