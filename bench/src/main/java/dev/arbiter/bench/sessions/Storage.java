package dev.arbiter.bench.sessions;

import static dev.arbiter.bench.sessions.SessionsBenchmark.fmt;

import dev.arbiter.bench.common.StackTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bytes per stored event: as task-service stores them (one row per batch, compact JSON, compressed from
 * 128 bytes), and, for the choice of layout, the same events copied into one row per event with small
 * columns, and into batch rows under PostgreSQL's default compression threshold (2 kB).
 */
final class Storage {

    record Figures(long batches, long events, List<String> lines) {
    }

    private Storage() {
    }

    static Figures measure(StackTarget target, List<String> sessionIds) throws Exception {
        String ids = sessionIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
        List<String> lines = new ArrayList<>();
        try (Connection db = target.connect("tasks"); Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_event_row");
            s.execute("drop table if exists bench_batch_default_toast");
            long batches;
            long events;
            long raw;
            long column;
            try (ResultSet r = s.executeQuery("select count(*), coalesce(sum(event_count), 0), coalesce(sum(octet_length(events)), 0), "
                    + "coalesce(sum(pg_column_size(events)), 0) from session_batch where session_id in " + ids)) {
                r.next();
                batches = r.getLong(1);
                events = r.getLong(2);
                raw = r.getLong(3);
                column = r.getLong(4);
            }
            if (events == 0) {
                return new Figures(batches, events, List.of("storage: no events stored"));
            }
            long table = size(s, "session_batch");
            long allEvents = single(s, "select coalesce(sum(event_count), 0) from session_batch");
            lines.add(fmt("storage, as stored (row per batch): %.1f bytes/event in all (table, TOAST, primary key; %d events), "
                    + "events column %.1f bytes/event compressed from %.1f", (double) table / allEvents, allEvents,
                    (double) column / events, (double) raw / events));

            s.execute("create table bench_batch_default_toast (like session_batch)");
            s.execute("alter table bench_batch_default_toast add primary key (session_id, seq)");
            // events || '' makes a new, uncompressed value: a copied datum would stay compressed as it was
            s.execute("insert into bench_batch_default_toast select session_id, seq, received_at, event_count, "
                    + "events || ''::bytea, batch_hash from session_batch where session_id in " + ids);
            lines.add(fmt("storage, row per batch with the default 2 kB compression threshold: %.1f bytes/event",
                    (double) size(s, "bench_batch_default_toast") / events));

            s.execute("create table bench_event_row (session_id uuid not null, seq int not null, idx smallint not null, "
                    + "received_at timestamptz not null, t int not null, type text not null, body jsonb not null, "
                    + "primary key (session_id, seq, idx))");
            s.execute("insert into bench_event_row select b.session_id, b.seq, e.idx, b.received_at, (e.ev->>'t')::int, "
                    + "e.ev->>'type', e.ev - 't' - 'type' from session_batch b, "
                    + "jsonb_array_elements(convert_from(b.events, 'UTF8')::jsonb) with ordinality as e(ev, idx) "
                    + "where b.session_id in " + ids);
            lines.add(fmt("storage, row per event (t, type, jsonb of the rest): %.1f bytes/event",
                    (double) size(s, "bench_event_row") / single(s, "select count(*) from bench_event_row")));
            s.execute("drop table bench_event_row");
            s.execute("drop table bench_batch_default_toast");
            return new Figures(batches, events, lines);
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
