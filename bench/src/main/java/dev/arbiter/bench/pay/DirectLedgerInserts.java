package dev.arbiter.bench.pay;

import dev.arbiter.bench.common.StackTarget;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: what an accrual must write at the least, written straight into payout-service's database —
 * one ledger transaction (reservation to the expert's pending), its two entries (the stored-balance trigger
 * runs as for the service) and the session's line — one database transaction a session.
 */
final class DirectLedgerInserts {

    private final StackTarget target;

    DirectLedgerInserts(StackTarget target) {
        this.target = target;
    }

    /** Inserts every session's rows from {@code threads} threads; answers sessions a second. */
    double insert(UUID job, String organizationId, List<SessionStream.Sent> sessions, int threads) throws Exception {
        UUID reservation;
        Map<UUID, UUID> pending = new HashMap<>();
        try (Connection db = target.connect("payouts")) {
            reservation = accountId(db, "select id from ledger_account where kind = 'JOB_RESERVATION' and job_id = ?::uuid",
                    job);
            try (PreparedStatement open = db.prepareStatement("insert into ledger_account (id, expert_id, kind, currency) "
                    + "values (gen_random_uuid(), ?, 'EXPERT_PENDING', 'USD') on conflict do nothing")) {
                for (SessionStream.Sent s : sessions) {
                    if (!pending.containsKey(s.expertId())) {
                        open.setObject(1, s.expertId());
                        open.executeUpdate();
                        pending.put(s.expertId(), accountId(db,
                                "select id from ledger_account where kind = 'EXPERT_PENDING' and expert_id = ?::uuid", s.expertId()));
                    }
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        try {
            int slice = (sessions.size() + threads - 1) / threads;
            List<Future<?>> parts = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<SessionStream.Sent> mine = sessions.subList(Math.min(t * slice, sessions.size()),
                        Math.min((t + 1) * slice, sessions.size()));
                parts.add(pool.submit(() -> {
                    write(job, organizationId, reservation, pending, mine);
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return sessions.size() / ((System.nanoTime() - began) / 1e9);
    }

    private void write(UUID job, String organizationId, UUID reservation, Map<UUID, UUID> pending,
                       List<SessionStream.Sent> sessions) throws Exception {
        try (Connection db = target.connect("payouts");
             PreparedStatement tx = db.prepareStatement("insert into ledger_transaction (id, kind, description, session_id, "
                     + "job_id) values (?, 'ACCRUAL', 'bench baseline accrual', ?, ?)");
             PreparedStatement entry = db.prepareStatement("insert into ledger_entry (transaction_id, account_id, amount_minor, "
                     + "currency) values (?, ?, ?, 'USD')");
             PreparedStatement line = db.prepareStatement("insert into session_pay (session_id, expert_id, job_id, "
                     + "organization_id, task_id, judgment_id, kind, day, active_seconds, paid_seconds, over_cap_seconds, "
                     + "hourly_rate_minor, tier_multiplier_bp, currency, amount_minor, over_cap_amount_minor, over_cap_state, "
                     + "from_reservation_minor, from_clearing_minor, stage) values (?, ?, ?, ?::uuid, ?, ?, 'CLAIM', ?, ?, ?, 0, "
                     + "?, ?, 'USD', ?, 0, 'NONE', ?, 0, 'PENDING')")) {
            db.setAutoCommit(false);
            Date today = Date.valueOf(LocalDate.now());
            for (SessionStream.Sent s : sessions) {
                var work = s.envelope().getWorkSessionVerified().getWork();
                UUID txId = UUID.randomUUID();
                tx.setObject(1, txId);
                tx.setObject(2, s.sessionId());
                tx.setObject(3, job);
                tx.executeUpdate();
                if (s.amountMinor() > 0) {
                    entry.setObject(1, txId);
                    entry.setObject(2, reservation);
                    entry.setLong(3, -s.amountMinor());
                    entry.executeUpdate();
                    entry.setObject(2, pending.get(s.expertId()));
                    entry.setLong(3, s.amountMinor());
                    entry.executeUpdate();
                }
                line.setObject(1, s.sessionId());
                line.setObject(2, s.expertId());
                line.setObject(3, job);
                line.setString(4, organizationId);
                line.setObject(5, UUID.fromString(work.getTaskId()));
                line.setObject(6, UUID.fromString(work.getJudgmentId()));
                line.setDate(7, today);
                line.setLong(8, work.getPaidSeconds());
                line.setLong(9, work.getPaidSeconds());
                line.setLong(10, work.getHourlyRateMinor());
                line.setInt(11, work.getTierMultiplierBp());
                line.setLong(12, s.amountMinor());
                line.setLong(13, s.amountMinor());
                line.executeUpdate();
                db.commit();
            }
        }
    }

    private static UUID accountId(Connection db, String sql, UUID owner) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, owner.toString());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no account: " + sql + " " + owner);
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
