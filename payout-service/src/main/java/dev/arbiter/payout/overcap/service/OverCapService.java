package dev.arbiter.payout.overcap.service;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.ledger.service.Money;
import dev.arbiter.payout.payline.FundingSplit;
import dev.arbiter.payout.payline.PayLineNotices;
import dev.arbiter.payout.payline.PayLineRef;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.payouts.v1.PayStage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admin decisions on time beyond a session's cap. Approving accrues the line's over-cap amount (computed when the
 * line was accrued, so the line is still rounded once) from the job's reservation, the clearing account paying
 * what the reservation cannot, into the account of the line's current stage; the line then pays all its active
 * time. Refusing records the decision. Either way once per session (over_cap_decision's primary key). Runs in the
 * caller's transaction (an Idempotency-Key's).
 */
@ApplicationScoped
public class OverCapService {

    private static final String LOCK_LINE = "select p.expert_id, p.job_id, p.organization_id, p.stage, p.over_cap_state, "
            + "p.over_cap_amount_minor, p.amount_minor, exists (select 1 from over_cap_decision d where d.session_id = p.session_id) "
            + "from session_pay p where p.session_id = ?1 for update";

    private final Ledger ledger;
    private final PayLineNotices notices;

    public OverCapService(Ledger ledger, PayLineNotices notices) {
        this.ledger = ledger;
        this.notices = notices;
    }

    private record Line(UUID expertId, UUID jobId, UUID organizationId, String stage, String overCapState, long overCapAmount,
                        long amount, boolean decided) {
    }

    public Uni<OverCapDecision> decide(UUID sessionId, boolean approve, String reason, UUID adminId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lock(sessionId).chain(line -> {
            OverCapRules.check(line.overCapState(), line.decided(), line.stage(), approve);
            long accrued = approve ? line.overCapAmount() : 0;
            Uni<Void> money = approve ? accrue(sessionId, line, now) : update(
                    "update session_pay set over_cap_state = 'DECLINED' where session_id = ?1", sessionId).replaceWithVoid();
            return money.chain(() -> update("insert into over_cap_decision (session_id, approved, reason, amount_minor, admin_id, decided_at) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6)", sessionId, approve, reason, accrued, adminId,
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                    .map(inserted -> new OverCapDecision(sessionId, line.expertId(), approve, reason,
                            new Money(accrued, ledger.currency()), new Money(line.amount() + accrued, ledger.currency()),
                            line.stage(), approve ? "APPROVED" : "DECLINED", adminId, now));
        });
    }

    private Uni<Void> accrue(UUID sessionId, Line line, Instant now) {
        long amount = line.overCapAmount();
        LedgerKind stageAccount = OverCapRules.accountOf(line.stage());
        Uni<FundingSplit> split = amount == 0 ? Uni.createFrom().item(new FundingSplit(0, 0))
                : ledger.balanceForUpdate(AccountRef.reservation(line.jobId())).map(balance -> FundingSplit.of(amount, balance));
        return split.chain(parts -> {
            Uni<?> posted = Uni.createFrom().voidItem();
            if (amount > 0) {
                List<Posting.Leg> legs = new ArrayList<>();
                if (parts.fromReservation() > 0) {
                    legs.add(new Posting.Leg(AccountRef.reservation(line.jobId()), -parts.fromReservation()));
                }
                if (parts.fromClearing() > 0) {
                    legs.add(new Posting.Leg(AccountRef.platform(LedgerKind.PLATFORM_CLEARING), -parts.fromClearing()));
                }
                legs.add(new Posting.Leg(AccountRef.expert(stageAccount, line.expertId()), amount));
                posted = ledger.post(new Posting(PostingKind.ACCRUAL, Posting.Cause.session(sessionId, line.jobId()),
                        "Over-cap time approved for session " + sessionId, legs));
            }
            return posted.chain(() -> update("update session_pay set amount_minor = amount_minor + ?2, "
                            + "from_reservation_minor = from_reservation_minor + ?3, from_clearing_minor = from_clearing_minor + ?4, "
                            + "paid_seconds = active_seconds, over_cap_state = 'APPROVED' where session_id = ?1",
                    sessionId, amount, parts.fromReservation(), parts.fromClearing()))
                    .chain(() -> notices.moved(new PayLineRef(sessionId, line.expertId(), line.jobId(), line.organizationId(),
                            line.amount() + amount), stage(line.stage()), ledger.currency(), now));
        });
    }

    private static PayStage stage(String stage) {
        return PayStage.valueOf("PAY_STAGE_" + stage);
    }

    private Uni<Line> lock(UUID sessionId) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(LOCK_LINE).setParameter(1, sessionId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiProblem.notFound("Session pay line", sessionId);
                    }
                    Object[] r = rows.get(0);
                    return new Line((UUID) r[0], (UUID) r[1], (UUID) r[2], r[3].toString(), r[4].toString(),
                            ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), (Boolean) r[7]);
                });
    }

    private static Uni<Integer> update(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }
}
