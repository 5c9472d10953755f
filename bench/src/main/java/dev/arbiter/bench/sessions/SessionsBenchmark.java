package dev.arbiter.bench.sessions;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recorded-session ingestion in task-service, against a baseline of the same run:
 * <ul>
 *   <li>paced: S sessions (default 1,000) each sending a ~20-event batch every 2 s over HTTP, open loop:
 *       events/s accepted and p50/p99 acknowledgement time;</li>
 *   <li>max rate: W closed-loop workers sending batches of those sessions back to back;</li>
 *   <li>baseline: the same kind of rows inserted straight into the same PostgreSQL, one autocommit
 *       INSERT per batch from as many JDBC connections as task-service's pool (20);</li>
 *   <li>storage: bytes per stored event as stored, and for a one-row-per-event layout of the same events.</li>
 * </ul>
 */
public final class SessionsBenchmark implements Benchmark {

    /** task-service's reactive pool size: the baseline gets as many database connections. */
    static final int POOL = 20;

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public String description() {
        return "task-service: recorded-session ingestion (1,000 sessions x ~20-event batches every 2 s, then max rate) "
                + "vs direct INSERTs of the same rows; bytes per stored event";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --sessions N      concurrent sessions (1000)",
                "  --experts N       expert accounts holding them (50; registering is bcrypt-bound)",
                "  --period 2s       each session sends a batch this often in the paced run",
                "  --duration 30s    length of the paced run",
                "  --max-duration 20s  length of the max-rate run",
                "  --workers N       closed-loop workers of the max-rate run and the HTTP floor (64)",
                "  --warmup 10s      unrecorded max-rate load before the paced run",
                "  --direct          send to task-service itself instead of through the gateway (the public path)",
                "  --skip-paced, --skip-max-rate, --skip-floor, --skip-direct-max-rate");
    }

    /** One claimed task's session and the token of the expert who owns it. */
    record Session(String id, String token, AtomicInteger nextSeq) {
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        TaskBench bench = new TaskBench(target, new JsonHttp());
        bench.registerLab();
        List<Session> sessions = open(bench, options.integer("sessions", 1_000), options.integer("experts", 50));
        // the public path is the gateway's: the workbench's batches reach task-service through it
        boolean direct = options.flag("direct");
        IngestionLoad load = new IngestionLoad(direct ? bench.tasks : target.gatewayUrl(), sessions);
        try {
            measure(target, options, sessions, load, direct ? null : load.to(bench.tasks));
        } finally {
            load.close();
        }
    }

    /** {@code direct}: the same load straight to task-service, for the gateway's share (null when {@code load} is direct). */
    private void measure(StackTarget target, BenchOptions options, List<Session> sessions, IngestionLoad load,
                         IngestionLoad direct) throws Exception {
        String via = direct == null ? "direct to task-service" : "through the gateway";
        ResultsTable table = new ResultsTable(fmt("ingestion: %d sessions, %d events a batch, %s", sessions.size(),
                WorkbenchBatches.eventsPerBatch(), via), "batches/s");
        LatencyStats paced = null;
        LatencyStats max = null;
        LatencyStats maxDirect = null;
        LatencyStats floor = null;
        int workers = options.integer("workers", 64);
        progress("warm-up ...");
        long warmed = load.maxRate(16, options.duration("warmup", Duration.ofSeconds(10))).count();
        if (!options.flag("skip-paced")) {
            progress(fmt("paced: %d sessions, one batch every %s each ...", sessions.size(), options.string("period", "2s")));
            paced = load.paced(options.duration("period", Duration.ofSeconds(2)),
                    options.duration("duration", Duration.ofSeconds(30)));
            table.row("POST batches, paced (open loop)", paced);
        }
        if (!options.flag("skip-max-rate")) {
            progress(fmt("max rate: %d workers back to back ...", workers));
            max = load.maxRate(workers, options.duration("max-duration", Duration.ofSeconds(20)));
            table.row("POST batches, max rate (" + workers + " workers)", max);
        }
        if (direct != null && !options.flag("skip-max-rate") && !options.flag("skip-direct-max-rate")) {
            progress(fmt("max rate, direct to task-service: %d workers back to back ...", workers));
            maxDirect = direct.maxRate(workers, options.duration("max-duration", Duration.ofSeconds(20)));
            table.row("POST batches, max rate, direct to task-service", maxDirect);
        }
        if (!options.flag("skip-floor")) {
            progress(fmt("HTTP floor: GET /api/tasks/eligibility %s, %d workers ...", via, workers));
            floor = load.floor(workers, options.duration("max-duration", Duration.ofSeconds(20)));
            table.row("GET /api/tasks/eligibility (HTTP floor)", floor);
        }
        long batches = Math.max(paced == null ? 0 : paced.count(), max == null ? 0 : max.count());
        LatencyStats directMax = maxDirect;
        progress(fmt("baseline: %d direct INSERTs from %d JDBC connections ...", batches, POOL));
        LatencyStats baseline = DirectInserts.run(target, (int) Math.min(batches, 100_000), POOL);
        table.row("direct INSERT, same rows (baseline)", baseline);

        int perBatch = WorkbenchBatches.eventsPerBatch();
        if (paced != null) {
            table.line(fmt("paced: %.0f events/s accepted, p50 %.1f ms, p99 %.1f ms -> p99 goal (<= 100 ms) %s",
                    paced.perSecond() * perBatch, paced.p50(), paced.p99(), paced.p99() <= 100 ? "met" : "NOT met"));
        }
        if (max != null) {
            table.line(fmt("max rate: %.0f events/s accepted -> goal (>= 20,000 events/s) %s", max.perSecond() * perBatch,
                    max.perSecond() * perBatch >= 20_000 ? "met" : "NOT met"));
            table.ratio("max rate / direct INSERT", max, baseline);
            if (floor != null) {
                table.ratio("max rate / HTTP floor", max, floor);
            }
            if (directMax != null) {
                table.line(fmt("max rate direct to task-service: %.0f events/s", directMax.perSecond() * perBatch));
                table.ratio("max rate through the gateway / direct", max, directMax);
            }
        }
        long acked = warmed + (paced == null ? 0 : paced.count()) + (max == null ? 0 : max.count())
                + (maxDirect == null ? 0 : maxDirect.count());
        Storage.Figures storage = Storage.measure(target, sessions.stream().map(Session::id).toList());
        table.line(fmt("stored: %d batches for %d acknowledged (%s), %d events", storage.batches(), acked,
                storage.batches() == acked ? "none lost, none doubled" : "MISMATCH", storage.events()));
        storage.lines().forEach(table::line);
        table.note("a batch = HTTP + JWT check + JSON validation of every event + session row lock + SHA-256 + one INSERT..UPDATE statement + commit");
        table.note("baseline = one autocommit INSERT per batch of a generated row of the same shape (deflated events, SHA-256), "
                + "no HTTP, no validation, no lock, no session update");
        table.note("bench sessions were opened an hour earlier (opened_at moved back) so that the per-session rate bound "
                + "(120 + 1 a second of age) never refuses a batch here");
        table.note("client, gateway, service and PostgreSQL share this machine's CPUs");
        table.print(System.out);
        if (storage.batches() != acked || (paced != null && paced.errors() > 0) || (max != null && max.errors() > 0)
                || (maxDirect != null && maxDirect.errors() > 0)) {
            throw new IllegalStateException("ingestion answered wrongly: " + load.firstError());
        }
    }

    /** A job with one item per session, published, claimed by the experts in turn: one open session per claim. */
    private static List<Session> open(TaskBench bench, int count, int expertCount) throws Exception {
        String domain = bench.domain();
        String jobId = bench.createJob(domain, 1);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(Map.of("prompt", "Question " + i + "?", "responses", List.of(Map.of("id", "r1", "text", "Answer one."),
                    Map.of("id", "r2", "text", "Answer two."))));
        }
        bench.http.postJson(bench.tasks + "/api/jobs/" + jobId + "/items", items, bench.labToken).expect(201);
        bench.publish(jobId);
        progress(fmt("registering %d experts ...", expertCount));
        List<String[]> experts = bench.experts(expertCount);
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
        progress(fmt("claiming %d tasks ...", count));
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = experts.get(i % experts.size())[1];
            String id = bench.http.postJson(bench.tasks + "/api/tasks/claim", Map.of("jobId", jobId), token).expect(200)
                    .json().get("sessionId").asText();
            sessions.add(new Session(id, token, new AtomicInteger()));
        }
        try (Connection db = bench.target.connect("tasks");
             PreparedStatement q = db.prepareStatement("update work_session set opened_at = opened_at - interval '1 hour' "
                     + "where job_id = ?::uuid")) {
            q.setString(1, jobId);
            q.executeUpdate();
        }
        return sessions;
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
