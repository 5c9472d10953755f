package dev.arbiter.task.session.service;

import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.platform.terms.TierMultipliers;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.WorkSessionClosed;
import dev.arbiter.proto.tasks.v1.WorkSessionOpened;
import dev.arbiter.task.session.PaidTime;
import dev.arbiter.task.session.model.SessionPay;
import java.time.Duration;
import java.time.Instant;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.session.ActiveTime;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import dev.arbiter.task.session.repository.WorkSessionRepository.OpenSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place where work sessions open (a claim, a revision, a QA review) and close (submit,
 * release, lease expiry by a claim or the sweep, a review decision). Closing computes the session's
 * {@link ActiveTime} once, from its recorded log if it has one, stores it, and emits
 * {@code WorkSessionClosed} with that same figure, in the caller's transaction. Batches the workbench
 * flushes after the close (within the grace) are kept as evidence but do not move this figure: the
 * lab's spend and the closed event must agree.
 */
@ApplicationScoped
public class WorkSessions {

    private final WorkSessionRepository sessions;
    private final SessionBatchRepository batches;
    private final TaskOutbox outbox;
    private final PlatformTerms terms;
    private final Duration idleGap;

    public WorkSessions(WorkSessionRepository sessions, SessionBatchRepository batches, TaskOutbox outbox,
                        PlatformTerms terms) {
        this.sessions = sessions;
        this.batches = batches;
        this.outbox = outbox;
        this.terms = terms;
        this.idleGap = Duration.ofSeconds(terms.idleThresholdSeconds());
    }

    /**
     * The tier multiplier a session of this tier is paid at, in basis points, from today's table: it is fixed on
     * the session when it opens. A tier below 1 (a reviewer without one in the domain) is paid at 1.0.
     */
    public int multiplierOf(int tier) {
        return tier < 1 ? TierMultipliers.ONE : terms.multipliers().basisPointsOf(tier);
    }

    /**
     * Opens a task's session that counts until {@code countsUntil} (a claim's lease, or a revision's span), with its
     * rate and tier multiplier fixed, and reports it ({@code WorkSessionOpened}) in the same transaction.
     */
    public Uni<Void> open(SqlConnection tx, SessionKind kind, UUID sessionId, UUID taskId, UUID expertId, SessionPay pay,
                          OffsetDateTime countsUntil) {
        int bp = multiplierOf(pay.tier());
        return sessions.insert(tx, sessionId, kind, taskId, expertId, pay.jobId(), countsUntil, pay.hourlyRateMinor(),
                        pay.tier(), bp)
                .chain(openedAt -> outbox.append(tx, opened(sessionId, kind, taskId, expertId, pay, bp, openedAt)));
    }

    /**
     * The same, opened at {@code openedAt}, the transaction's {@code now()} (a claim has it from {@code claim_slot}):
     * the row and its {@code WorkSessionOpened} go out together, the connection pipelines them.
     */
    public Uni<Void> open(SqlConnection tx, SessionKind kind, UUID sessionId, UUID taskId, UUID expertId, SessionPay pay,
                          OffsetDateTime countsUntil, OffsetDateTime openedAt) {
        int bp = multiplierOf(pay.tier());
        return Uni.combine().all().unis(
                        sessions.insert(tx, sessionId, kind, taskId, expertId, pay.jobId(), countsUntil, pay.hourlyRateMinor(),
                                pay.tier(), bp, openedAt),
                        outbox.append(tx, opened(sessionId, kind, taskId, expertId, pay, bp, openedAt.toInstant())))
                .discardItems();
    }

    /**
     * The reviewer's session on a judgment they are reviewing: the open one, or a new one counting for
     * {@code minutes}, reported when new.
     */
    public Uni<UUID> openReview(SqlConnection tx, UUID judgmentId, UUID reviewerId, SessionPay pay, int minutes) {
        int bp = multiplierOf(pay.tier());
        return sessions.openReview(tx, judgmentId, reviewerId, pay.jobId(), minutes, pay.hourlyRateMinor(), pay.tier(), bp)
                .call(s -> s.opened() ? outbox.append(tx, opened(s.id(), SessionKind.REVIEW, null, reviewerId, pay, bp,
                        s.openedAt())) : Uni.createFrom().voidItem())
                .map(WorkSessionRepository.ReviewSession::id);
    }

    private EventEnvelope opened(UUID sessionId, SessionKind kind, UUID taskId, UUID expertId, SessionPay pay, int bp,
                                 Instant openedAt) {
        WorkSessionOpened.Builder opened = WorkSessionOpened.newBuilder().setSessionId(sessionId.toString())
                .setKind(kind(kind)).setJobId(pay.jobId().toString()).setOrganizationId(pay.organizationId().toString())
                .setExpertId(expertId.toString()).setExpertTier(pay.tier()).setTierMultiplierBp(bp)
                .setHourlyRateMinor(pay.hourlyRateMinor()).setCurrency(pay.currency())
                .setCapSeconds(PaidTime.capSeconds(pay.expectedMinutesPerItem())).setOpenedAt(Sql.timestamp(openedAt));
        if (taskId != null) {
            opened.setTaskId(taskId.toString());
        }
        return outbox.envelope(expertId).setWorkSessionOpened(opened).build();
    }

    /** Closes the task's open session, if it has one. */
    public Uni<Void> close(SqlConnection tx, UUID taskId, CloseReason reason) {
        return sessions.lockOpenOfTask(tx, taskId)
                .chain(open -> open == null ? Uni.createFrom().voidItem() : close(tx, open, reason));
    }

    /** A decision on a judgment ends every review of it: the decider's as REVIEWED, anyone else's as SUPERSEDED. */
    public Uni<Void> closeReviews(SqlConnection tx, UUID judgmentId, UUID deciderId) {
        return sessions.lockOpenReviewsOf(tx, judgmentId).chain(open -> closeAll(tx, open,
                s -> s.expertId().equals(deciderId) ? CloseReason.REVIEWED : CloseReason.SUPERSEDED));
    }

    /** Closes up to {@code limit} review sessions left open past the time they count; how many. */
    public Uni<Integer> expireStaleReviews(SqlConnection tx, int limit) {
        return sessions.lockStaleReviews(tx, limit)
                .chain(stale -> closeAll(tx, stale, s -> CloseReason.EXPIRED).replaceWith(stale.size()));
    }

    private Uni<Void> closeAll(SqlConnection tx, List<OpenSession> open, Function<OpenSession, CloseReason> reason) {
        return Multi.createFrom().iterable(open).onItem().transformToUniAndConcatenate(s -> close(tx, s, reason.apply(s)))
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> close(SqlConnection tx, OpenSession open, CloseReason reason) {
        Uni<List<RecordedBatch>> log = open.batchCount() == 0 ? Uni.createFrom().item(List.of())
                : batches.recorded(tx, open.id());
        return log.chain(recorded -> close(tx, open, reason,
                ActiveTime.seconds(open.openedAt(), open.now(), open.countsUntil(), recorded, idleGap)));
    }

    private Uni<Void> close(SqlConnection tx, OpenSession open, CloseReason reason, long active) {
        WorkSessionClosed.Builder closed = WorkSessionClosed.newBuilder()
                .setSessionId(open.id().toString()).setJobId(open.jobId().toString())
                .setExpertId(open.expertId().toString()).setActiveSeconds(active).setKind(kind(open.kind()))
                .setOpenedAt(Sql.timestamp(open.openedAt())).setClosedAt(Sql.timestamp(open.now()));
        if (open.taskId() != null) {
            closed.setTaskId(open.taskId().toString());
        }
        if (open.judgmentId() != null) {
            closed.setJudgmentId(open.judgmentId().toString());
        }
        return sessions.close(tx, open.id(), open.now(), reason, active)
                .chain(() -> outbox.append(tx, outbox.envelope(open.expertId()).setWorkSessionClosed(closed).build()));
    }

    private static WorkSessionKind kind(SessionKind kind) {
        return switch (kind) {
            case CLAIM -> WorkSessionKind.WORK_SESSION_KIND_CLAIM;
            case REVISION -> WorkSessionKind.WORK_SESSION_KIND_REVISION;
            case REVIEW -> WorkSessionKind.WORK_SESSION_KIND_REVIEW;
        };
    }
}
