package dev.arbiter.payout.pay.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** session_pay, judgment_decision: the SQL of the pay flows, in the caller's transaction. */
@ApplicationScoped
public class SessionPayRepository {

    /** A new line as accrual writes it. */
    public record NewLine(UUID sessionId, UUID expertId, UUID jobId, UUID organizationId, UUID taskId, UUID judgmentId,
                          String kind, LocalDate day, long activeSeconds, long paidSeconds, long overCapSeconds,
                          long hourlyRateMinor, int tierMultiplierBp, String currency, long amountMinor,
                          long overCapAmountMinor, long fromReservationMinor, long fromClearingMinor, PayStage stage,
                          String holdReason) {
    }

    public Uni<Boolean> exists(UUID sessionId) {
        return session().chain(s -> s.createNativeQuery("select count(*) from session_pay where session_id = ?1", Long.class)
                .setParameter(1, sessionId).getSingleResult()).map(n -> n > 0);
    }

    /**
     * Inserts the line; false when the session already has one (the primary key: one accrual per session). Every
     * parameter is always bound: a review session has no task, a released claim no judgment, and the optional ones
     * go as text ('' for none) so the ordinal labels never have a gap.
     */
    public Uni<Boolean> insert(NewLine l) {
        String sql = "insert into session_pay (session_id, expert_id, job_id, organization_id, task_id, judgment_id, kind, day, "
                + "active_seconds, paid_seconds, over_cap_seconds, hourly_rate_minor, tier_multiplier_bp, currency, amount_minor, "
                + "over_cap_amount_minor, over_cap_state, from_reservation_minor, from_clearing_minor, stage, hold_reason) values "
                + "(?1, ?2, ?3, ?4, cast(nullif(?5, '') as uuid), cast(nullif(?6, '') as uuid), ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                + "?14, ?15, ?16, ?17, ?18, ?19, ?20, nullif(?21, '')) on conflict (session_id) do nothing";
        return session().chain(s -> s.createNativeQuery(sql).setParameter(1, l.sessionId()).setParameter(2, l.expertId())
                .setParameter(3, l.jobId()).setParameter(4, l.organizationId())
                .setParameter(5, optional(l.taskId())).setParameter(6, optional(l.judgmentId()))
                .setParameter(7, l.kind()).setParameter(8, l.day()).setParameter(9, l.activeSeconds())
                .setParameter(10, l.paidSeconds()).setParameter(11, l.overCapSeconds()).setParameter(12, l.hourlyRateMinor())
                .setParameter(13, l.tierMultiplierBp()).setParameter(14, l.currency()).setParameter(15, l.amountMinor())
                .setParameter(16, l.overCapAmountMinor())
                .setParameter(17, l.overCapSeconds() > 0 ? "AWAITING_APPROVAL" : "NONE")
                .setParameter(18, l.fromReservationMinor()).setParameter(19, l.fromClearingMinor())
                .setParameter(20, l.stage().name()).setParameter(21, l.holdReason() == null ? "" : l.holdReason())
                .executeUpdate()).map(n -> n == 1);
    }

    private static String optional(UUID id) {
        return id == null ? "" : id.toString();
    }

    /** The line, locked for this transaction; null when the session has none. */
    public Uni<SessionLine> findForUpdate(UUID sessionId) {
        return lines("select " + SessionLine.COLUMNS + " from session_pay where session_id = ?1 for update", sessionId)
                .map(lines -> lines.isEmpty() ? null : lines.get(0));
    }

    /** The judgment's claim and revision lines still PENDING, locked. */
    public Uni<List<SessionLine>> pendingOfJudgment(UUID judgmentId) {
        return lines("select " + SessionLine.COLUMNS + " from session_pay where judgment_id = ?1 and stage = 'PENDING' "
                + "and kind <> 'REVIEW' order by session_id for update", judgmentId);
    }

    /** PENDING lines accrued before {@code before}, up to {@code limit}, locked (others' locked rows skipped). */
    public Uni<List<SessionLine>> pendingAccruedBefore(Instant before, int limit) {
        return session().chain(s -> s.<Object[]>createNativeQuery("select " + SessionLine.COLUMNS + " from session_pay "
                        + "where stage = 'PENDING' and accrued_at <= ?1 order by accrued_at limit ?2 for update skip locked")
                .setParameter(1, SqlTimes.utc(before)).setParameter(2, limit).getResultList())
                .map(rows -> rows.stream().map(SessionLine::of).toList());
    }

    public Uni<Void> updateStage(UUID sessionId, PayStage stage, String holdReason, long fromReservation, long fromClearing) {
        return session().chain(s -> s.createNativeQuery("update session_pay set stage = ?2, hold_reason = nullif(?5, ''), "
                        + "from_reservation_minor = ?3, from_clearing_minor = ?4, stage_changed_at = now() where session_id = ?1")
                .setParameter(1, sessionId).setParameter(2, stage.name()).setParameter(3, fromReservation)
                .setParameter(4, fromClearing).setParameter(5, holdReason == null ? "" : holdReason)
                .executeUpdate()).replaceWithVoid();
    }

    /** The judgment's latest known review decision, or null. */
    public Uni<StageRules.Decision> decisionOf(UUID judgmentId) {
        if (judgmentId == null) {
            return Uni.createFrom().nullItem();
        }
        return session().chain(s -> s.createNativeQuery("select decision from judgment_decision where judgment_id = ?1", String.class)
                .setParameter(1, judgmentId).getResultList()).map(d -> d.isEmpty() ? null : StageRules.Decision.valueOf(d.get(0)));
    }

    /** Keeps the newest decision per judgment, whatever order the decisions arrive in. */
    public Uni<Void> recordDecision(UUID judgmentId, StageRules.Decision decision, Instant decidedAt) {
        return session().chain(s -> s.createNativeQuery("insert into judgment_decision (judgment_id, decision, decided_at) "
                        + "values (?1, ?2, ?3) on conflict (judgment_id) do update set decision = excluded.decision, "
                        + "decided_at = excluded.decided_at where judgment_decision.decided_at <= excluded.decided_at")
                .setParameter(1, judgmentId).setParameter(2, decision.name()).setParameter(3, SqlTimes.utc(decidedAt))
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<List<SessionLine>> lines(String sql, UUID id) {
        return session().chain(s -> s.<Object[]>createNativeQuery(sql).setParameter(1, id).getResultList())
                .map(rows -> rows.stream().map(SessionLine::of).toList());
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
