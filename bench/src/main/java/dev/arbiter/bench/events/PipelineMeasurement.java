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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads what the pipeline did with a batch of events: when each row was created in
 * marketplace-api's outbox and when payout-service recorded it in its inbox, both stamped by the
 * same PostgreSQL server ({@code now()}, i.e. the start of each transaction).
 */
final class PipelineMeasurement {

    static final String PAYOUT_CONSUMER = "payout-service";

    /** Figures of one batch, and the checks that everything arrived once. */
    record Result(LatencyStats latency, long inboxRows, long distinctInboxRows, long ledgerAccounts,
                  long payees, long unpublished, LatencyStats relayPickup, Map<String, LatencyStats> otherConsumers) {
    }

    /** The other consumers of the accounts topic and their databases, measured the same way. */
    static final Map<String, String> OTHER_CONSUMERS = Map.of("task-service", "tasks", "qualification-service", "qualification");

    private PipelineMeasurement() {
    }

    /** How many of {@code eventIds} {@code consumer} has recorded in its inbox in {@code database}. */
    static long arrived(StackTarget target, String database, String consumer, UUID[] eventIds) throws SQLException {
        try (Connection c = target.connect(database);
             PreparedStatement q = c.prepareStatement("select count(*) from inbox_event where consumer = ? and event_id = any(?)")) {
            q.setString(1, consumer);
            q.setArray(2, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until payout-service has every event; fails if arrivals stop moving for {@code stall}. */
    static void awaitAll(StackTarget target, UUID[] eventIds, Duration stall) throws Exception {
        long seen = -1;
        long lastMove = System.nanoTime();
        while (true) {
            long now = arrived(target, "payouts", PAYOUT_CONSUMER, eventIds);
            if (now >= eventIds.length) {
                return;
            }
            if (now != seen) {
                seen = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > stall.toNanos()) {
                throw new IllegalStateException("payout-service recorded only " + now + " of " + eventIds.length
                        + " events and nothing moved for " + stall.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    static Result measure(StackTarget target, List<OutboxLoad.Event> events) throws SQLException {
        UUID[] eventIds = events.stream().map(OutboxLoad.Event::eventId).toArray(UUID[]::new);
        UUID[] expertIds = events.stream().map(OutboxLoad.Event::expertId).toArray(UUID[]::new);
        Map<UUID, OffsetDateTime> created = new HashMap<>();
        Map<UUID, OffsetDateTime> published = new HashMap<>();
        long unpublished;
        try (Connection c = target.connect("marketplace")) {
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
        LatencyStats stats = consumerLatency(target, "payouts", PAYOUT_CONSUMER, eventIds, created);
        long rows;
        long distinct;
        long accounts;
        long payees;
        try (Connection c = target.connect("payouts")) {
            Array ids = c.createArrayOf("uuid", eventIds);
            rows = countWithConsumer(c, "select count(*) from inbox_event where consumer = ? and event_id = any(?)", ids);
            distinct = countWithConsumer(c, "select count(distinct event_id) from inbox_event where consumer = ? and event_id = any(?)", ids);
            Array experts = c.createArrayOf("uuid", expertIds);
            accounts = count(c, "select count(*) from ledger_account where expert_id = any(?)", experts);
            payees = count(c, "select count(*) from expert_payee where expert_id = any(?)", experts);
        }
        Map<String, LatencyStats> others = new TreeMap<>();
        for (Map.Entry<String, String> other : OTHER_CONSUMERS.entrySet()) {
            others.put(other.getKey(), consumerLatency(target, other.getValue(), other.getKey(), eventIds, created));
        }
        return new Result(stats, rows, distinct, accounts, payees, unpublished, between(created, published), others);
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

    private static long countWithConsumer(Connection c, String sql, Array ids) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, PAYOUT_CONSUMER);
            q.setArray(2, ids);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
