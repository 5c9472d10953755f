package dev.arbiter.bench.sessions;

import dev.arbiter.bench.common.LatencyRecorder;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.LoadLoop;
import dev.arbiter.bench.common.StackTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: rows of the same shape and size as task-service stores (a session id, seq, receipt
 * time, event count, the events' JSON bytes and their SHA-256) inserted straight into a table laid out
 * like {@code session_batch} in the same PostgreSQL, one autocommit INSERT per batch, from as many
 * connections as the service's pool.
 */
final class DirectInserts {

    private DirectInserts() {
    }

    static LatencyStats run(StackTarget target, int rows, int connections) throws Exception {
        try (Connection db = target.connect("tasks"); Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_session_batch");
            s.execute("create table bench_session_batch (session_id uuid not null, seq int not null, "
                    + "received_at timestamptz not null, event_count int not null, events bytea not null, "
                    + "batch_hash bytea not null, primary key (session_id, seq))");
        }
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            pool.add(target.connect("tasks"));
        }
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            sessions.add(UUID.randomUUID());
        }
        AtomicInteger next = new AtomicInteger();
        LatencyRecorder recorder = new LatencyRecorder();
        try {
            LoadLoop.forCount(connections, rows, () -> {
                int n = next.getAndIncrement();
                int seq = n / sessions.size();
                byte[] json = WorkbenchBatches.events(seq, 3_600_000L + n).getBytes(StandardCharsets.UTF_8);
                byte[] events = Storage.deflate(json);
                Connection c = pool.take();
                try (PreparedStatement q = c.prepareStatement("insert into bench_session_batch "
                        + "(session_id, seq, received_at, event_count, events, batch_hash) values (?, ?, ?, ?, ?, ?)")) {
                    q.setObject(1, sessions.get(n % sessions.size()));
                    q.setInt(2, seq);
                    q.setTimestamp(3, Timestamp.from(Instant.now()));
                    q.setInt(4, WorkbenchBatches.eventsPerBatch());
                    q.setBytes(5, events);
                    q.setBytes(6, MessageDigest.getInstance("SHA-256").digest(json));
                    q.executeUpdate();
                } finally {
                    pool.add(c);
                }
            }, recorder);
        } finally {
            for (Connection c : pool) {
                c.close();
            }
        }
        return recorder.stats();
    }
}
