package dev.arbiter.bench.events;

import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.StackTarget;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the pipeline did with a batch of events: when each row was created in the producer's outbox and when
 * each consumer recorded it in its inbox, all stamped by the same PostgreSQL server ({@code now()}, i.e. the start of
 * each transaction).
 */
final class PipelineMeasurement {

    /**
     * Figures of one batch, and the checks that everything arrived once: per consumer its latency and distinct inbox
     * rows; for the accounts stream also payout-service's payees and ledger accounts (-1 otherwise).
     */
    record Result(Map<String, LatencyStats> latency, Map<String, Long> distinctInboxRows, LatencyStats relayPickup,
                  long unpublished, long payees, long ledgerAccounts) {
    }

    private PipelineMeasurement() {
    }

    /** How many of {@code eventIds} {@code consumer} has recorded in its inbox in {@code database}. */
    static long arrived(StackTarget target, String database, String consumer, UUID[] eventIds) throws SQLException {
        try (Connection c = target.connect(database);
             PreparedStatement q = c.prepareStatement("select count(distinct event_id) from inbox_event where consumer = ? "
                     + "and event_id = any(?)")) {
            q.setString(1, consumer);
            q.setArray(2, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until every consumer of the stream has every event; fails if no consumer moved for {@code stall}. */
    static void awaitAll(StackTarget target, EventStream stream, UUID[] eventIds, Duration stall) throws Exception {
        Map<String, Long> seen = new HashMap<>();
        long lastMove = System.nanoTime();
        while (true) {
            boolean all = true;
            boolean moved = false;
            for (Map.Entry<String, String> consumer : stream.consumers().entrySet()) {
                long now = arrived(target, consumer.getValue(), consumer.getKey(), eventIds);
                all &= now >= eventIds.length;
                Long before = seen.put(consumer.getKey(), now);
                moved |= before == null || before != now;
            }
            if (all) {
                return;
            }
            if (moved) {
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > stall.toNanos()) {
                throw new IllegalStateException(stream.name() + ": consumers recorded only " + seen + " of " + eventIds.length
                        + " events and nothing moved for " + stall.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    static Result measure(StackTarget target, EventStream stream, List<OutboxLoad.Event> events) throws SQLException {
        UUID[] eventIds = events.stream().map(OutboxLoad.Event::eventId).toArray(UUID[]::new);
        Map<UUID, OffsetDateTime> created = new HashMap<>();
        Map<UUID, OffsetDateTime> published = new HashMap<>();
        long unpublished;
        try (Connection c = target.connect(stream.database())) {
            Array ids = c.createArrayOf("uuid", eventIds);
            try (PreparedStatement q = c.prepareStatement("select event_id, created_at, published_at from outbox_message where event_id = any(?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        created.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class));
                        OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                        if (at != null) {
                            published.put(rs.getObject(1, UUID.class), at);
                        }
                    }
                }
            }
            unpublished = count(c, "select count(*) from outbox_message where published_at is null and event_id = any(?)", ids);
        }
        Map<String, LatencyStats> latency = new LinkedHashMap<>();
        Map<String, Long> distinct = new LinkedHashMap<>();
        for (Map.Entry<String, String> consumer : stream.consumers().entrySet()) {
            latency.put(consumer.getKey(), consumerLatency(target, consumer.getValue(), consumer.getKey(), eventIds, created));
            distinct.put(consumer.getKey(), arrived(target, consumer.getValue(), consumer.getKey(), eventIds));
        }
        long accounts = -1;
        long payees = -1;
        if (stream == EventStream.ACCOUNTS) {
            try (Connection c = target.connect("payouts")) {
                Array experts = c.createArrayOf("uuid", events.stream().map(OutboxLoad.Event::expertId).toArray(UUID[]::new));
                accounts = count(c, "select count(*) from ledger_account where expert_id = any(?)", experts);
                payees = count(c, "select count(*) from expert_payee where expert_id = any(?)", experts);
            }
        }
        return new Result(latency, distinct, between(created, published), unpublished, payees, accounts);
    }

    /** processed_at − created_at of one consumer, for the events it has recorded so far. */
    static LatencyStats consumerLatency(StackTarget target, String database, String consumer, UUID[] eventIds,
                                        Map<UUID, OffsetDateTime> created) throws SQLException {
        Map<UUID, OffsetDateTime> processed = new HashMap<>();
        try (Connection c = target.connect(database);
             PreparedStatement q = c.prepareStatement(
                     "select event_id, processed_at from inbox_event where consumer = ? and event_id = any(?)")) {
            q.setString(1, consumer);
            q.setArray(2, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    processed.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class));
                }
            }
        }
        return between(created, processed);
    }

    /** Latency from {@code from} to {@code to} per event id present in both; the span runs first from → last to. */
    static LatencyStats between(Map<UUID, OffsetDateTime> from, Map<UUID, OffsetDateTime> to) {
        long[] nanos = new long[to.size()];
        int n = 0;
        OffsetDateTime first = null;
        OffsetDateTime last = null;
        for (Map.Entry<UUID, OffsetDateTime> e : to.entrySet()) {
            OffsetDateTime start = from.get(e.getKey());
            if (start == null) {
                continue;
            }
            nanos[n++] = ChronoUnit.NANOS.between(start, e.getValue());
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || e.getValue().isAfter(last) ? e.getValue() : last;
        }
        long span = first == null ? 0 : ChronoUnit.NANOS.between(first, last);
        return LatencyStats.ofNanos(Arrays.copyOf(nanos, n), from.size() - n, span);
    }

    private static long count(Connection c, String sql, Array ids) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, ids);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
