package dev.arbiter.payout.pay.service;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.payline.PayLineNotices;
import dev.arbiter.payout.payline.PayLineRef;
import dev.arbiter.platform.reactive.InSequence;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.proto.tasks.v1.SessionWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A session's pay from accrual to payable: each step is one ledger transaction (through {@link Ledger#post}),
 * one session_pay update and one {@code SessionPayChanged}, in the inbox's transaction. {@link StageRules}
 * decides the stage; this class moves the money to match.
 */
@ApplicationScoped
public class PayFlows {

    public static final String HOLD_FLAGGED = "session-flagged";
    private static final Logger LOG = Logger.getLogger(PayFlows.class);
    private static final int PROMOTE_BATCH = 500;

    private final Ledger ledger;
    private final SessionPayRepository lines;
    private final JobBudgets budgets;
    private final PlatformTerms terms;
    private final PayLineNotices notices;

    public PayFlows(Ledger ledger, SessionPayRepository lines, JobBudgets budgets, PlatformTerms terms,
                    PayLineNotices notices) {
        this.notices = notices;
        this.ledger = ledger;
        this.lines = lines;
        this.budgets = budgets;
        this.terms = terms;
    }

    /**
     * Accrues a finalised session once (the session_pay primary key; a Verified after a Flagged, or a redelivery,
     * changes nothing). Everything comes from the event: pay never looks up today's rate or tier. The job's
     * reservation pays what it can, the clearing account the rest: the expert is never short.
     */
    public Uni<Void> accrue(SessionWork work, boolean flagged) {
        UUID sessionId = UUID.fromString(work.getSessionId());
        UUID jobId = UUID.fromString(work.getJobId());
        UUID judgmentId = uuidOrNull(work.getJudgmentId());
        String kind = kindOf(work);
        if (kind == null || work.getPaidSeconds() < 0 || work.getActiveSeconds() < 0 || work.getOverCapSeconds() < 0
                || work.getHourlyRateMinor() < 0 || work.getTierMultiplierBp() <= 0) {
            LOG.errorf("Session %s's work is not payable as sent (kind %s, paid %d s, multiplier %d bp); left for an admin",
                    sessionId, work.getKind(), work.getPaidSeconds(), work.getTierMultiplierBp());
            return budgets.sessionFinished(sessionId);
        }
        return lines.exists(sessionId).chain(exists -> exists ? budgets.sessionFinished(sessionId)
                : lines.decisionOf(judgmentId).chain(decision -> accrueNew(work, flagged, sessionId, jobId, judgmentId, kind,
                        StageRules.decided("REVIEW".equals(kind), decision))));
    }

    private Uni<Void> accrueNew(SessionWork work, boolean flagged, UUID sessionId, UUID jobId, UUID judgmentId, String kind,
                                boolean decided) {
        long amount = PayArithmetic.sessionAmountMinor(work.getPaidSeconds(), work.getHourlyRateMinor(), work.getTierMultiplierBp());
        long overCapAmount = work.getOverCapSeconds() == 0 ? 0 : PayArithmetic.sessionAmountMinor(work.getActiveSeconds(),
                work.getHourlyRateMinor(), work.getTierMultiplierBp()) - amount;
        PayStage stage = StageRules.onAccrual(flagged, decided);
        UUID expertId = UUID.fromString(work.getExpertId());
        Instant closed = Instant.ofEpochSecond(work.getClosedAt().getSeconds());
        return ledger.balanceForUpdate(AccountRef.reservation(jobId)).chain(reservation -> {
            long fromReservation = Math.min(reservation, amount);
            long fromClearing = amount - fromReservation;
            SessionPayRepository.NewLine line = new SessionPayRepository.NewLine(sessionId, expertId, jobId,
                    UUID.fromString(work.getOrganizationId()), uuidOrNull(work.getTaskId()), judgmentId, kind,
                    LocalDate.ofInstant(closed, ZoneOffset.UTC), work.getActiveSeconds(), work.getPaidSeconds(),
                    work.getOverCapSeconds(), work.getHourlyRateMinor(), work.getTierMultiplierBp(), ledger.currency(), amount,
                    Math.max(0, overCapAmount), fromReservation, fromClearing, stage, stage == PayStage.HELD ? HOLD_FLAGGED : null);
            return lines.insert(line).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                    : draw(PostingKind.ACCRUAL, sessionId, jobId, expertId, stage, fromReservation, fromClearing,
                            "Session " + sessionId + " (" + kind.toLowerCase() + ", " + work.getPaidSeconds() + " s)")
                            .chain(() -> changed(new SessionLine(sessionId, expertId, jobId, line.organizationId(), judgmentId,
                                    kind, amount, fromReservation, fromClearing, stage, Instant.now()), stage)))
                    .chain(() -> budgets.sessionFinished(sessionId))
                    .chain(() -> budgets.check(jobId));
        });
    }

    /** A review decision: kept (it may come before the accrual), and the judgment's PENDING lines become PAYABLE. */
    public Uni<Void> judgmentReviewed(UUID judgmentId, StageRules.Decision decision, Instant decidedAt) {
        return lines.recordDecision(judgmentId, decision, decidedAt)
                .chain(() -> lines.pendingOfJudgment(judgmentId))
                .chain(pending -> each(pending, line -> moveTo(line, StageRules.onDecision(line.stage(), decision))));
    }

    /** An admin cleared the session (or, on appeal, overturned a confirmation): held or forfeited pay is released. */
    public Uni<Void> cleared(UUID sessionId) {
        return lines.findForUpdate(sessionId).chain(line -> line == null ? unknown(sessionId, "cleared")
                : lines.decisionOf(line.judgmentId()).chain(decision ->
                        moveTo(line, StageRules.onCleared(line.stage(), StageRules.decided(line.isReview(), decision)))));
    }

    /** Confirmed fraud: the line's pay goes back where it was drawn from. */
    public Uni<Void> fraudConfirmed(UUID sessionId) {
        return lines.findForUpdate(sessionId).chain(line -> line == null ? unknown(sessionId, "confirmed as fraud")
                : moveTo(line, StageRules.onFraudConfirmed(line.stage())));
    }

    /** Moves PENDING lines older than the configured days to PAYABLE; how many. Blocking (tests call it). */
    public int promoteDue(Instant now) throws Throwable {
        Instant before = now.minus(Duration.ofDays(terms.payableAfterDays()));
        int total = 0;
        int moved;
        do {
            moved = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> lines.pendingAccruedBefore(before,
                    PROMOTE_BATCH).chain(due -> each(due, line -> moveTo(line, StageRules.onAge(line.stage(), line.accruedAt(),
                    now, terms.payableAfterDays()))).replaceWith(due.size()))));
            total += moved;
        } while (moved == PROMOTE_BATCH);
        return total;
    }

    @Scheduled(every = "${arbiter.payout.stage-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void promoteOnSchedule() throws Throwable {
        int moved = promoteDue(Instant.now());
        if (moved > 0) {
            LOG.infof("%d pending pay lines became payable after %d days without a decision", moved, terms.payableAfterDays());
        }
    }

    /** Moves the line's money and stage to {@code next}; nothing when it is already there. */
    private Uni<Void> moveTo(SessionLine line, PayStage next) {
        if (next == line.stage()) {
            return Uni.createFrom().voidItem();
        }
        String description = "Session " + line.sessionId() + ": " + line.stage() + " to " + next;
        String holdReason = next == PayStage.HELD ? HOLD_FLAGGED : null;
        if (next == PayStage.FORFEITED) {
            List<Posting.Leg> legs = new ArrayList<>();
            legs.add(new Posting.Leg(AccountRef.expert(line.stage().account(), line.expertId()), -line.amountMinor()));
            addLeg(legs, AccountRef.reservation(line.jobId()), line.fromReservationMinor());
            addLeg(legs, AccountRef.platform(LedgerKind.PLATFORM_CLEARING), line.fromClearingMinor());
            return postIfAny(PostingKind.FORFEIT, line, description, legs)
                    .chain(() -> lines.updateStage(line.sessionId(), next, null, line.fromReservationMinor(), line.fromClearingMinor()))
                    .chain(() -> changed(line, next))
                    .chain(() -> budgets.check(line.jobId()));
        }
        if (line.stage() == PayStage.FORFEITED) {
            return ledger.balanceForUpdate(AccountRef.reservation(line.jobId())).chain(reservation -> {
                long fromReservation = Math.min(reservation, line.amountMinor());
                long fromClearing = line.amountMinor() - fromReservation;
                return draw(PostingKind.REINSTATEMENT, line.sessionId(), line.jobId(), line.expertId(), next, fromReservation,
                        fromClearing, description)
                        .chain(() -> lines.updateStage(line.sessionId(), next, holdReason, fromReservation, fromClearing))
                        .chain(() -> changed(line, next))
                        .chain(() -> budgets.check(line.jobId()));
            });
        }
        Uni<Void> move = line.amountMinor() == 0 ? Uni.createFrom().voidItem()
                : ledger.post(Posting.transfer(PostingKind.STAGE_CHANGE, Posting.Cause.session(line.sessionId(), line.jobId()),
                        description, AccountRef.expert(line.stage().account(), line.expertId()),
                        AccountRef.expert(next.account(), line.expertId()), line.amountMinor())).replaceWithVoid();
        return move.chain(() -> lines.updateStage(line.sessionId(), next, holdReason, line.fromReservationMinor(),
                        line.fromClearingMinor()))
                .chain(() -> changed(line, next));
    }

    /** Reservation and clearing → the expert's account of {@code stage}. */
    private Uni<Void> draw(PostingKind kind, UUID sessionId, UUID jobId, UUID expertId, PayStage stage, long fromReservation,
                           long fromClearing, String description) {
        List<Posting.Leg> legs = new ArrayList<>();
        addLeg(legs, AccountRef.reservation(jobId), -fromReservation);
        addLeg(legs, AccountRef.platform(LedgerKind.PLATFORM_CLEARING), -fromClearing);
        addLeg(legs, AccountRef.expert(stage.account(), expertId), fromReservation + fromClearing);
        return legs.size() < 2 ? Uni.createFrom().voidItem()
                : ledger.post(new Posting(kind, Posting.Cause.session(sessionId, jobId), description, legs)).replaceWithVoid();
    }

    private Uni<Void> postIfAny(PostingKind kind, SessionLine line, String description, List<Posting.Leg> legs) {
        return legs.size() < 2 ? Uni.createFrom().voidItem()
                : ledger.post(new Posting(kind, Posting.Cause.session(line.sessionId(), line.jobId()), description, legs))
                        .replaceWithVoid();
    }

    private static void addLeg(List<Posting.Leg> legs, AccountRef account, long amount) {
        if (amount != 0) {
            legs.add(new Posting.Leg(account, amount));
        }
    }

    private Uni<Void> changed(SessionLine line, PayStage stage) {
        return notices.moved(new PayLineRef(line.sessionId(), line.expertId(), line.jobId(), line.organizationId(),
                line.amountMinor()), stage.toProto(), stage == PayStage.HELD ? HOLD_FLAGGED : "", ledger.currency(), Instant.now());
    }

    /** The step for each line, one after another (they share the transaction's connection). */
    private static Uni<Void> each(List<SessionLine> list, Function<SessionLine, Uni<Void>> step) {
        return InSequence.each(list, step);
    }

    private static Uni<Void> unknown(UUID sessionId, String what) {
        LOG.warnf("Session %s was %s but has no pay line here; nothing to move", sessionId, what);
        return Uni.createFrom().voidItem();
    }

    private static String kindOf(SessionWork work) {
        return switch (work.getKind()) {
            case WORK_SESSION_KIND_CLAIM -> "CLAIM";
            case WORK_SESSION_KIND_REVISION -> "REVISION";
            case WORK_SESSION_KIND_REVIEW -> "REVIEW";
            default -> null;
        };
    }

    private static UUID uuidOrNull(String value) {
        return value == null || value.isEmpty() ? null : UUID.fromString(value);
    }
}
