package dev.arbiter.bench.sessions;

import static dev.arbiter.bench.sessions.SessionsBenchmark.fmt;

import dev.arbiter.bench.common.StackTarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * Bytes per stored event: as task-service stored the benchmark's batches (one row per batch, events
 * deflated), and, for the choice of layout, the same kind of events written two other ways into the
 * same PostgreSQL: one row per batch with the JSON as is, and one row per event with small columns.
 */
final class Storage {

    /** Batches written for each alternative layout. */
    private static final int SAMPLE_BATCHES = 2_000;

    record Figures(long batches, long events, List<String> lines) {
    }

    private Storage() {
    }

    static Figures measure(StackTarget target, List<String> sessionIds) throws Exception {
        String ids = sessionIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
        List<String> lines = new ArrayList<>();
        try (Connection db = target.connect("tasks"); Statement s = db.createStatement()) {
            long batches;
            long events;
            long deflated;
            try (ResultSet r = s.executeQuery("select count(*), coalesce(sum(event_count), 0), "
                    + "coalesce(sum(pg_column_size(events)), 0) from session_batch where session_id in " + ids)) {
                r.next();
                batches = r.getLong(1);
                events = r.getLong(2);
                deflated = r.getLong(3);
            }
            if (events == 0) {
                return new Figures(batches, events, List.of("storage: no events stored"));
            }
            long json = single(s, "select coalesce(sum(log_bytes), 0) from work_session where id in " + ids);
            long allEvents = single(s, "select coalesce(sum(event_count), 0) from session_batch");
            lines.add(fmt("storage, as stored (row per batch, deflated): %.1f bytes/event in all (table, TOAST, primary key; "
                    + "%d events); events column %.1f bytes/event, deflated from %.1f of JSON",
                    (double) size(s, "session_batch") / allEvents, allEvents, (double) deflated / events, (double) json / events));
            lines.add(fmt("storage, row per batch, JSON as is (%d batches): %.1f bytes/event", SAMPLE_BATCHES,
                    rowPerBatch(db, s)));
            lines.add(fmt("storage, row per event (t, type, jsonb of the rest; same batches): %.1f bytes/event",
                    rowPerEvent(db, s)));
            return new Figures(batches, events, lines);
        }
    }

    private static double rowPerBatch(Connection db, Statement s) throws Exception {
        s.execute("drop table if exists bench_batch_json");
        s.execute("create table bench_batch_json (session_id uuid not null, seq int not null, received_at timestamptz not null, "
                + "event_count int not null, events bytea not null, batch_hash bytea not null, primary key (session_id, seq))");
        db.setAutoCommit(false);
        try (PreparedStatement q = db.prepareStatement("insert into bench_batch_json values (?, ?, now(), ?, ?, ?)")) {
            for (int seq = 0; seq < SAMPLE_BATCHES; seq++) {
                byte[] events = WorkbenchBatches.events(seq, 3_600_000L + seq * 2_000L).getBytes(StandardCharsets.UTF_8);
                q.setObject(1, UUID.randomUUID());
                q.setInt(2, seq);
                q.setInt(3, WorkbenchBatches.eventsPerBatch());
                q.setBytes(4, events);
                q.setBytes(5, new byte[32]);
                q.addBatch();
            }
            q.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        double perEvent = (double) size(s, "bench_batch_json") / ((long) SAMPLE_BATCHES * WorkbenchBatches.eventsPerBatch());
        s.execute("drop table bench_batch_json");
        return perEvent;
    }

    private static double rowPerEvent(Connection db, Statement s) throws Exception {
        s.execute("drop table if exists bench_event_row");
        s.execute("create table bench_event_row (session_id uuid not null, seq int not null, idx smallint not null, "
                + "received_at timestamptz not null, t int not null, type text not null, body jsonb not null, "
                + "primary key (session_id, seq, idx))");
        s.execute("create temporary table bench_batch_src (session_id uuid, seq int, events text)");
        db.setAutoCommit(false);
        try (PreparedStatement q = db.prepareStatement("insert into bench_batch_src values (?, ?, ?)")) {
            for (int seq = 0; seq < SAMPLE_BATCHES; seq++) {
                q.setObject(1, UUID.randomUUID());
                q.setInt(2, seq);
                q.setString(3, WorkbenchBatches.events(seq, 3_600_000L + seq * 2_000L));
                q.addBatch();
            }
            q.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        s.execute("insert into bench_event_row select b.session_id, b.seq, e.idx, now(), (e.ev->>'t')::int, e.ev->>'type', "
                + "e.ev - 't' - 'type' from bench_batch_src b, jsonb_array_elements(b.events::jsonb) with ordinality as e(ev, idx)");
        double perEvent = (double) size(s, "bench_event_row") / single(s, "select count(*) from bench_event_row");
        s.execute("drop table bench_event_row");
        s.execute("drop table bench_batch_src");
        return perEvent;
    }

    /** Deflated the way task-service stores a batch's events (zlib, default level). */
    static byte[] deflate(byte[] json) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static long size(Statement s, String table) throws Exception {
        s.execute("vacuum (analyze) " + table);
        return single(s, "select pg_total_relation_size('" + table + "')");
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
