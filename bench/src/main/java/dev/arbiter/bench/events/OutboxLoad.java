package dev.arbiter.bench.events;

import dev.arbiter.bench.common.StackTarget;
import dev.arbiter.proto.common.v1.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes events into their producer's outbox the way its {@code OutboxWriter} does (same columns, same envelope),
 * one short transaction per event, at a steady offered rate (open loop: event i is due at {@code i / rate} seconds
 * whatever the previous ones took) or as fast as the writers can.
 *
 * <p>Registering experts over HTTP would measure bcrypt, not the event pipeline; the rows are what a
 * registration (or a qualification) commits. The relay is not woken by a hint as {@code OutboxWriter} does
 * in-process, so its idle poll interval is part of the measured latency.
 */
final class OutboxLoad {

    private static final String INSERT = "insert into outbox_message (event_id, topic, message_key, event_type, payload) "
            + "values (?, ?, ?, ?, ?)";

    /** One event to write: its id and the expert it is about. */
    record Event(UUID eventId, UUID expertId) {
    }

    private OutboxLoad() {
    }

    static List<Event> newEvents(int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new Event(UUID.randomUUID(), EventStream.newExpert()));
        }
        return events;
    }

    /**
     * Writes every event of {@code stream}; {@code ratePerSecond <= 0} means as fast as {@code writers} connections go.
     * Returns the wall time the writing took, in nanoseconds.
     */
    static long write(StackTarget target, EventStream stream, List<Event> events, double ratePerSecond, int writers)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            connections.add(target.connect(stream.database()));
        }
        long start = System.nanoTime() + 1_000_000;
        for (Connection connection : connections) {
            Thread t = new Thread(() -> {
                try (connection; PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (int i = next.getAndIncrement(); i < events.size() && failure.get() == null; i = next.getAndIncrement()) {
                        if (ratePerSecond > 0) {
                            long due = start + (long) (i * 1e9 / ratePerSecond);
                            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        insertOne(insert, stream, events.get(i));
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "outbox-writer");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return System.nanoTime() - start;
    }

    private static void insertOne(PreparedStatement insert, EventStream stream, Event event) throws SQLException {
        EventEnvelope envelope = stream.payload().apply(event);
        insert.setObject(1, event.eventId());
        insert.setString(2, stream.topic());
        insert.setString(3, envelope.getAggregateId());
        insert.setString(4, envelope.getPayloadCase().name());
        insert.setBytes(5, envelope.toByteArray());
        insert.executeUpdate(); // autocommit: one transaction per event, like one registration
    }
}
