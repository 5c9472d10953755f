package dev.arbiter.bench.pay;

import dev.arbiter.bench.common.StackTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import dev.arbiter.bench.common.LatencyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What payout-service has accrued, read from its database. */
final class Accruals {

    record Latency(double p50, double p90, double p99, double max) {
    }

    private final StackTarget target;

    Accruals(StackTarget target) {
        this.target = target;
    }

    long count(UUID job) throws Exception {
        try (Connection db = target.connect("payouts")) {
            return count(db, job);
        }
    }

    /** Polls (bounded) until the job has {@code expected} session lines. */
    void awaitCount(UUID job, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = target.connect("payouts")) {
            long seen = 0;
            while ((seen = count(db, job)) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + expected + " sessions accrued within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Polls until the line count has not moved for {@code quiet} (late redeliveries had their chance). */
    void awaitQuiet(UUID job, Duration quiet) throws Exception {
        try (Connection db = target.connect("payouts")) {
            long last = count(db, job);
            long stableSince = System.nanoTime();
            long deadline = stableSince + quiet.toNanos() * 12;
            while (System.nanoTime() - stableSince < quiet.toNanos() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                long now = count(db, job);
                if (now != last) {
                    last = now;
                    stableSince = System.nanoTime();
                }
            }
        }
    }

    /** Percentiles of each session's {@code accrued_at} minus when its event was sent (one machine's wall clock). */
    Latency latency(UUID job, Map<UUID, Instant> sentAt) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (Connection db = target.connect("payouts"); PreparedStatement q = db.prepareStatement(
                "select session_id, accrued_at from session_pay where job_id = ?::uuid")) {
            q.setString(1, job.toString());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant sent = sentAt.get(rs.getObject(1, UUID.class));
                    if (sent != null) {
                        millis.add(Duration.between(sent, rs.getTimestamp(2).toInstant()).toMillis());
                    }
                }
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Latency(LatencyStats.percentile(sorted, 50), LatencyStats.percentile(sorted, 90),
                LatencyStats.percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long count(Connection db, UUID job) throws Exception {
        try (PreparedStatement q = db.prepareStatement("select count(*) from session_pay where job_id = ?::uuid")) {
            q.setString(1, job.toString());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
