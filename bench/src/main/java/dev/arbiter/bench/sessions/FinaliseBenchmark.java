package dev.arbiter.bench.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.JsonHttp;
import dev.arbiter.bench.common.ResultsTable;
import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.bench.tasks.TasksBenchmark.TaskBench;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Inflater;

/**
 * Finalising closed sessions in task-service: N closed sessions (default 10,000) with realistic logs
 * (5–15 batches of ~20 events each, 100–300 events a session) and submitted judgments are inserted
 * straight into task-service's database, within the grace; then, in one statement, their grace is made
 * over and the service's own scheduled finaliser drains them (signals, paid seconds, state, one outbox
 * event each). Measured: sessions/s from that statement until none is left CLOSED, and between the
 * first and the last {@code finalised_at}. Baseline in the same run: reading and decoding the same logs
 * with plain JDBC (select, inflate, parse), from as many threads as the finaliser has workers.
 */
public final class FinaliseBenchmark implements Benchmark {

    /** The finaliser's default {@code arbiter.sessions.finalise-workers}: the baseline gets as many threads. */
    static final int WORKERS = 4;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String name() {
        return "finalise";
    }

    @Override
    public String description() {
        return "task-service: finalising 10,000 closed sessions (100-300 events each) vs reading and decoding the same logs over JDBC";
    }

    @Override
    public String options() {
        return String.join(System.lineSeparator(),
                "  --sessions N      closed sessions to finalise (10000)",
                "  --experts N       expert ids holding them (200)",
                "  --timeout 10m     give up waiting for the finaliser after this long");
    }

    @Override
    public void run(StackTarget target, BenchOptions options) throws Exception {
        int count = options.integer("sessions", 10_000);
        int expertCount = options.integer("experts", 200);
        TaskBench bench = new TaskBench(target, new JsonHttp());
        bench.registerLab();
        String jobId = bench.createJob(bench.domain(), 1);
        progress(fmt("uploading %d items ...", count));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(Map.of("prompt", "Question " + i + "? Explain the dose in detail.", "responses", List.of(
                    Map.of("id", "r1", "text", "Answer one: the recommended dose is 10 mg per kilogram, twice a day."),
                    Map.of("id", "r2", "text", "Answer two: take as much as you like, it is harmless."))));
        }
        bench.http.postJson(bench.tasks + "/api/jobs/" + jobId + "/items", items, bench.labToken).expect(201);
        bench.publish(jobId);

        progress(fmt("inserting %d closed sessions with their logs and judgments ...", count));
        long events;
        try (Connection db = target.connect("tasks")) {
            events = insert(db, jobId, expertCount);
        }
        progress(fmt("%d sessions, %d events (%.0f a session) inserted", count, events, (double) events / count));

        progress(fmt("baseline: reading and decoding the same logs over JDBC, %d threads ...", WORKERS));
        double baseline = decodeAll(target, jobId);

        progress("finalising: the grace is made over for all of them at once; the service's scheduler drains them ...");
        Duration timeout = options.duration("timeout", Duration.ofMinutes(10));
        long started;
        long left;
        try (Connection db = target.connect("tasks")) {
            try (PreparedStatement q = db.prepareStatement("update work_session set opened_at = opened_at - interval '2 minutes', "
                    + "closed_at = closed_at - interval '2 minutes' where job_id = ?::uuid and state = 'CLOSED'")) {
                q.setString(1, jobId);
                q.executeUpdate();
            }
            started = System.nanoTime();
            left = count;
            long deadline = started + timeout.toNanos();
            while (left > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                left = single(db, "select count(*) from work_session where job_id = '" + jobId + "' and state = 'CLOSED'");
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        try (Connection db = target.connect("tasks")) {
            long finalised = single(db, "select count(*) from work_session where job_id = '" + jobId
                    + "' and state in ('VERIFIED', 'FLAGGED')");
            long flagged = single(db, "select count(*) from work_session where job_id = '" + jobId + "' and state = 'FLAGGED'");
            long overCap = single(db, "select count(*) from work_session where job_id = '" + jobId
                    + "' and paid_seconds < active_seconds");
            double span = singleDouble(db, "select extract(epoch from max(finalised_at) - min(finalised_at)) from work_session "
                    + "where job_id = '" + jobId + "'");
            long eventsOut = single(db, "select count(*) from outbox_message where event_type in ('WORK_SESSION_VERIFIED', "
                    + "'WORK_SESSION_FLAGGED') and message_key in (select distinct expert_id::text from work_session "
                    + "where job_id = '" + jobId + "')");

            ResultsTable table = new ResultsTable(fmt("finalising: %d closed sessions, %.0f events a session", count,
                    (double) events / count), "sessions/s");
            table.line(fmt("finaliser (scheduled, %d workers): %d finalised in %.1f s from the grace ending: %.0f sessions/s",
                    WORKERS, finalised, wall, finalised / wall));
            table.line(fmt("finaliser, first to last finalised_at: %.1f s: %.0f sessions/s", span, finalised / Math.max(span, 1e-3)));
            table.line(fmt("baseline, JDBC read + inflate + parse of the same logs (%d threads): %.0f sessions/s", WORKERS, baseline));
            table.line(fmt("ratio finaliser / baseline: %.2fx (first-to-last), %.2fx (wall)",
                    finalised / Math.max(span, 1e-3) / baseline, finalised / wall / baseline));
            table.line(fmt("outcome: %d VERIFIED, %d FLAGGED, %d over the cap; %d finalising events in the outbox (%s)",
                    finalised - flagged, flagged, overCap, eventsOut, eventsOut == finalised ? "one each" : "MISMATCH"));
            table.note("a finalisation: lock the oldest due session (SKIP LOCKED), read and decode its log, clock sanity, "
                    + "read task/item/judgment/job, device and address sharers, peer judgments on the item, the expert's own "
                    + "texts on other items, evaluate every signal, update the session, write the outbox event; up to "
                    + "finalise-per-transaction (16) of them share one transaction and its commit");
            table.note("the wall figure includes up to one scheduler interval (5 s) before the first run");
            table.note("signals: every signal of the SignalEngine, on every session");
            table.note("client, service and PostgreSQL share this machine's CPUs");
            table.print(System.out);
            if (left > 0 || finalised != count || eventsOut != finalised) {
                throw new IllegalStateException(fmt("finalising answered wrongly: %d left CLOSED, %d finalised, %d events",
                        left, finalised, eventsOut));
            }
        }
    }

    /** Tasks, judgments, closed sessions and their batches for every slot of the job; the number of events. */
    private long insert(Connection db, String jobId, int expertCount) throws Exception {
        List<UUID> experts = new ArrayList<>();
        for (int i = 0; i < expertCount; i++) {
            experts.add(UUID.randomUUID());
        }
        List<long[]> slots = new ArrayList<>();
        List<UUID> slotItems = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("select id, item_id from item_slot where job_id = ?::uuid order by id")) {
            q.setString(1, jobId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    slots.add(new long[] {rs.getLong(1)});
                    slotItems.add(rs.getObject(2, UUID.class));
                }
            }
        }
        db.setAutoCommit(false);
        Random random = new Random(42);
        long events = 0;
        Instant now = Instant.now();
        try (PreparedStatement task = db.prepareStatement("insert into task (id, slot_id, job_id, item_id, expert_id, expert_tier, "
                + "state, response_order, lease_expires_at, claimed_at) values (?, ?, ?::uuid, ?, ?, 2, 'SUBMITTED', ?::jsonb, ?, ?)");
             PreparedStatement judgment = db.prepareStatement("insert into judgment (id, task_id, job_id, item_id, expert_id, "
                     + "expert_tier, state, ranking, scores, rationales, critiques, overall_rationale) values "
                     + "(?, ?, ?::uuid, ?, ?, 2, 'SUBMITTED', '[\"r1\",\"r2\"]', '{\"r1\":{\"accuracy\":5},\"r2\":{\"accuracy\":1}}', "
                     + "?::jsonb, '[{\"responseId\":\"r2\",\"quote\":null,\"category\":\"SAFETY\",\"severity\":\"CRITICAL\","
                     + "\"comment\":\"Dangerous advice.\"}]', ?)");
             PreparedStatement session = db.prepareStatement("insert into work_session (id, task_id, expert_id, job_id, kind, "
                     + "state, opened_at, closed_at, close_reason, counts_until, active_seconds, digest, batch_count, event_count, "
                     + "last_seq, log_bytes, device_id, client_address) values (?, ?, ?, ?::uuid, 'CLAIM', 'CLOSED', ?, ?, "
                     + "'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement batch = db.prepareStatement("insert into session_batch (session_id, seq, received_at, event_count, "
                     + "events, batch_hash) values (?, ?, ?, ?, ?, ?)")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < slots.size(); i++) {
                UUID taskId = UUID.randomUUID();
                UUID sessionId = UUID.randomUUID();
                UUID expert = experts.get(i % experts.size());
                UUID item = slotItems.get(i);
                Instant opened = now.minusSeconds(3_600);
                task.setObject(1, taskId);
                task.setLong(2, slots.get(i)[0]);
                task.setString(3, jobId);
                task.setObject(4, item);
                task.setObject(5, expert);
                task.setString(6, i % 2 == 0 ? "[\"r1\",\"r2\"]" : "[\"r2\",\"r1\"]");
                task.setTimestamp(7, Timestamp.from(opened.plusSeconds(1_200)));
                task.setTimestamp(8, Timestamp.from(opened));
                task.addBatch();
                judgment.setObject(1, UUID.randomUUID());
                judgment.setObject(2, taskId);
                judgment.setString(3, jobId);
                judgment.setObject(4, item);
                judgment.setObject(5, expert);
                judgment.setString(6, "{\"accuracy\":\"Response " + (i % 2 == 0 ? "A" : "B")
                        + " gives the right dose; the other is dangerous " + i + ".\"}");
                judgment.setString(7, "The preferred answer is correct and safe.");
                judgment.addBatch();

                int batches = 5 + random.nextInt(11);
                int sessionEvents = 0;
                long bytes = 0;
                for (int seq = 0; seq < batches; seq++) {
                    byte[] eventsJson = WorkbenchBatches.events(seq, 1_000L + seq * 2_000L).getBytes(StandardCharsets.UTF_8);
                    batch.setObject(1, sessionId);
                    batch.setInt(2, seq);
                    batch.setTimestamp(3, Timestamp.from(opened.plusSeconds(2 + seq * 2L)));
                    batch.setInt(4, count(eventsJson));
                    batch.setBytes(5, Storage.deflate(eventsJson));
                    batch.setBytes(6, sha.digest(eventsJson));
                    batch.addBatch();
                    sessionEvents += count(eventsJson);
                    bytes += eventsJson.length;
                }
                events += sessionEvents;
                session.setObject(1, sessionId);
                session.setObject(2, taskId);
                session.setObject(3, expert);
                session.setString(4, jobId);
                session.setTimestamp(5, Timestamp.from(opened));
                session.setTimestamp(6, Timestamp.from(now));
                session.setTimestamp(7, Timestamp.from(opened.plusSeconds(1_200)));
                session.setLong(8, 30 + random.nextInt(1_400));
                session.setBytes(9, sha.digest(sessionId.toString().getBytes(StandardCharsets.UTF_8)));
                session.setInt(10, batches);
                session.setInt(11, sessionEvents);
                session.setInt(12, batches - 1);
                session.setLong(13, bytes);
                session.setString(14, "device-" + (i % (experts.size() + 7)));
                session.setString(15, "10.0." + (i % 50) + "." + (i % 200));
                session.addBatch();
                if (i % 250 == 249 || i == slots.size() - 1) {
                    task.executeBatch();
                    judgment.executeBatch();
                    session.executeBatch();
                    batch.executeBatch();
                    db.commit();
                }
            }
        }
        db.setAutoCommit(true);
        return events;
    }

    /** Reads every session's batches, inflates and parses them, {@code WORKERS} threads; sessions/s. */
    private double decodeAll(StackTarget target, String jobId) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = target.connect("tasks");
             PreparedStatement q = db.prepareStatement("select id from work_session where job_id = ?::uuid")) {
            q.setString(1, jobId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong decoded = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        long started = System.nanoTime();
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                runs.add(pool.submit(() -> {
                    try (Connection db = target.connect("tasks");
                         PreparedStatement q = db.prepareStatement("select events from session_batch where session_id = ? order by seq")) {
                        for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                            q.setObject(1, ids.get(i));
                            try (ResultSet rs = q.executeQuery()) {
                                while (rs.next()) {
                                    decoded.addAndGet(json.readTree(inflate(rs.getBytes(1))).size());
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress(fmt("baseline decoded %d events of %d sessions in %.1f s", decoded.get(), ids.size(), seconds));
        return ids.size() / seconds;
    }

    private int count(byte[] eventsJson) throws Exception {
        return json.readTree(eventsJson).size();
    }

    private static byte[] inflate(byte[] deflated) throws Exception {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static long single(Connection db, String sql) throws Exception {
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double singleDouble(Connection db, String sql) throws Exception {
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
