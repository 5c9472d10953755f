package dev.arbiter.task.session.decision.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.proto.tasks.v1.AppealDecided;
import dev.arbiter.proto.tasks.v1.SessionCleared;
import dev.arbiter.proto.tasks.v1.SessionFraudConfirmed;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.session.decision.SessionCaseRules;
import dev.arbiter.task.session.decision.SessionCaseRules.Case;
import dev.arbiter.task.session.decision.SessionCaseRules.Outcome;
import dev.arbiter.task.session.decision.model.AppealDecision;
import dev.arbiter.task.session.decision.model.CaseDecision;
import dev.arbiter.task.session.decision.model.CaseViews.AppealDecisionRequest;
import dev.arbiter.task.session.decision.model.CaseViews.AppealRequest;
import dev.arbiter.task.session.decision.model.CaseViews.CaseStep;
import dev.arbiter.task.session.decision.model.CaseViews.DecisionRequest;
import dev.arbiter.task.session.decision.model.CaseViews.SessionCase;
import dev.arbiter.task.session.decision.model.CaseViews.SessionPage;
import dev.arbiter.task.session.decision.model.JudgmentEffect;
import dev.arbiter.task.session.decision.repository.SessionCaseRepository;
import dev.arbiter.task.session.decision.repository.SessionCaseRepository.CaseRecord;
import dev.arbiter.task.session.decision.repository.SessionCaseRepository.SessionUnderCase;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * Admin decisions on flagged sessions and the expert's appeal. Each step runs in one transaction with
 * the session's row locked: the rule ({@link SessionCaseRules}) is asked first, and a refusal changes
 * nothing; an allowed step writes the case, moves the session, voids or restores its judgment
 * ({@link JudgmentVoiding}), appends to the audit trail and emits its event through the outbox, all
 * or nothing.
 */
@ApplicationScoped
public class SessionCases {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_OFFSET = 100_000;

    private final Pool pool;
    private final SessionCaseRepository cases;
    private final JudgmentVoiding voiding;
    private final TaskOutbox outbox;

    public SessionCases(Pool pool, SessionCaseRepository cases, JudgmentVoiding voiding, TaskOutbox outbox) {
        this.pool = pool;
        this.cases = cases;
        this.voiding = voiding;
        this.outbox = outbox;
    }

    /** Sessions in a state (FLAGGED by default), a bounded page at a time. */
    public Uni<SessionPage> list(String stateParam, Integer limitParam, Integer offsetParam) {
        SessionState state = parseState(stateParam);
        int limit = limitParam == null ? DEFAULT_LIMIT : limitParam;
        int offset = offsetParam == null ? 0 : offsetParam;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.validation("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ApiProblem.validation("offset", "must be between 0 and " + MAX_OFFSET);
        }
        // one more than asked tells whether a next page exists
        return cases.inState(pool, state, limit + 1, offset).map(rows -> new SessionPage(state,
                rows.subList(0, Math.min(limit, rows.size())), limit, offset, rows.size() > limit ? offset + limit : null));
    }

    /** The session's case for its view, or null when nobody decided on it yet. */
    public Uni<SessionCase> caseOf(SqlClient client, UUID sessionId) {
        return cases.find(client, sessionId).map(c -> c == null ? null : c.view());
    }

    /** An admin CLEARs or CONFIRMs a FLAGGED session. */
    public Uni<CaseStep> decide(Actor admin, UUID sessionId, DecisionRequest request) {
        String reason = request.reason().strip();
        return withSession(sessionId, null, (tx, s) -> cases.find(tx, sessionId).chain(existing -> {
            Outcome outcome = SessionCaseRules.decide(caseOf(s, existing), request.decision());
            refuseIfRefused(outcome, s);
            CaseDecision decision = request.decision();
            return cases.insertDecision(tx, sessionId, decision, reason, admin.id(), s.judgmentId())
                    .call(() -> cases.moveSession(tx, sessionId, s.state(), outcome.next()))
                    .chain(at -> (decision == CaseDecision.CONFIRM ? voiding.voidFor(tx, s) : Uni.createFrom().item(JudgmentEffect.NONE))
                            .call(effect -> cases.audit(tx, sessionId, decision.name(), admin.id(), reason, s.state(),
                                    outcome.next(), s.judgmentId(), effect))
                            .call(() -> decision == CaseDecision.CLEAR ? cleared(tx, s, admin.id(), at, false)
                                    : confirmed(tx, s, admin.id(), at))
                            .map(effect -> new CaseStep(sessionId, outcome.next(), s.judgmentId(), effect, at)));
        }));
    }

    /** The owner appeals a confirmation, once. */
    public Uni<CaseStep> appeal(Actor expert, UUID sessionId, AppealRequest request) {
        String statement = request.statement().strip();
        return withSession(sessionId, expert.id(), (tx, s) -> cases.find(tx, sessionId).chain(existing -> {
            Outcome outcome = SessionCaseRules.appeal(caseOf(s, existing));
            refuseIfRefused(outcome, s);
            return cases.appeal(tx, sessionId, statement)
                    .call(() -> cases.audit(tx, sessionId, "APPEAL", expert.id(), statement, s.state(), outcome.next(),
                            s.judgmentId(), JudgmentEffect.NONE))
                    .map(at -> new CaseStep(sessionId, outcome.next(), s.judgmentId(), JudgmentEffect.NONE, at));
        }));
    }

    /** Another admin than the one who confirmed UPHOLDs or OVERTURNs the appeal. */
    public Uni<CaseStep> decideAppeal(Actor admin, UUID sessionId, AppealDecisionRequest request) {
        String reason = request.reason().strip();
        return withSession(sessionId, null, (tx, s) -> cases.find(tx, sessionId).chain(existing -> {
            Outcome outcome = SessionCaseRules.decideAppeal(caseOf(s, existing), admin.id(), request.decision());
            refuseIfRefused(outcome, s);
            AppealDecision decision = request.decision();
            return cases.decideAppeal(tx, sessionId, decision, reason, admin.id())
                    .call(() -> outcome.next() == s.state() ? Uni.createFrom().voidItem()
                            : cases.moveSession(tx, sessionId, s.state(), outcome.next()))
                    .chain(at -> (decision == AppealDecision.OVERTURN ? voiding.restoreFor(tx, s)
                            : Uni.createFrom().item(JudgmentEffect.NONE))
                            .call(effect -> cases.audit(tx, sessionId, decision.name(), admin.id(), reason, s.state(),
                                    outcome.next(), s.judgmentId(), effect))
                            .call(() -> appealDecided(tx, s, admin.id(), decision, at))
                            .call(() -> decision == AppealDecision.OVERTURN ? cleared(tx, s, admin.id(), at, true)
                                    : Uni.createFrom().voidItem())
                            .map(effect -> new CaseStep(sessionId, outcome.next(), s.judgmentId(), effect, at)));
        }));
    }

    private <T> Uni<T> withSession(UUID sessionId, UUID owner, SessionStep<T> step) {
        return pool.withTransaction(tx -> cases.lockSession(tx, sessionId, owner).chain(s -> {
            if (s == null) {
                throw ApiProblem.notFound("Session", sessionId);
            }
            return step.apply(tx, s);
        }));
    }

    @FunctionalInterface
    private interface SessionStep<T> {
        Uni<T> apply(SqlConnection tx, SessionUnderCase session);
    }

    private static Case caseOf(SessionUnderCase s, CaseRecord existing) {
        return existing == null ? Case.undecided(s.state())
                : new Case(s.state(), existing.appealed(), existing.appealDecided(), existing.confirmedBy());
    }

    private static void refuseIfRefused(Outcome outcome, SessionUnderCase s) {
        if (!outcome.refused()) {
            return;
        }
        ApiProblem problem = switch (outcome.refusal()) {
            case SAME_ADMIN -> new ApiProblem(403, "second-admin-required", "Forbidden", outcome.detail());
            case NOT_FLAGGED -> ApiProblem.conflict("session-not-flagged", outcome.detail());
            case NOT_CONFIRMED -> ApiProblem.conflict("session-not-confirmed", outcome.detail());
            case ALREADY_APPEALED -> ApiProblem.conflict("appeal-made", outcome.detail());
            case NO_APPEAL_PENDING -> ApiProblem.conflict("no-appeal-pending", outcome.detail());
        };
        throw problem.with("state", s.state().name());
    }

    private static SessionState parseState(String state) {
        if (state == null || state.isBlank()) {
            return SessionState.FLAGGED;
        }
        try {
            return SessionState.valueOf(state.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(Violation.oneOf("state",
                    Arrays.stream(SessionState.values()).map(Enum::name).toList()));
        }
    }

    private Uni<Void> cleared(SqlConnection tx, SessionUnderCase s, UUID adminId, Instant at, boolean onAppeal) {
        SessionCleared.Builder event = SessionCleared.newBuilder().setSessionId(s.id().toString())
                .setExpertId(s.expertId().toString()).setJobId(s.jobId().toString()).setAdminId(adminId.toString())
                .setOnAppeal(onAppeal).setDecidedAt(Sql.timestamp(at));
        ifJudgment(s, event::setJudgmentId);
        return outbox.append(tx, outbox.envelope(s.expertId()).setSessionCleared(event).build());
    }

    private Uni<Void> confirmed(SqlConnection tx, SessionUnderCase s, UUID adminId, Instant at) {
        SessionFraudConfirmed.Builder event = SessionFraudConfirmed.newBuilder().setSessionId(s.id().toString())
                .setExpertId(s.expertId().toString()).setJobId(s.jobId().toString()).setAdminId(adminId.toString())
                .setDecidedAt(Sql.timestamp(at));
        ifJudgment(s, event::setJudgmentId);
        return outbox.append(tx, outbox.envelope(s.expertId()).setSessionFraudConfirmed(event).build());
    }

    private Uni<Void> appealDecided(SqlConnection tx, SessionUnderCase s, UUID adminId, AppealDecision decision, Instant at) {
        AppealDecided.Builder event = AppealDecided.newBuilder().setSessionId(s.id().toString())
                .setExpertId(s.expertId().toString()).setJobId(s.jobId().toString()).setAdminId(adminId.toString())
                .setDecision(switch (decision) {
                    case UPHOLD -> dev.arbiter.proto.tasks.v1.AppealDecision.APPEAL_DECISION_UPHOLD;
                    case OVERTURN -> dev.arbiter.proto.tasks.v1.AppealDecision.APPEAL_DECISION_OVERTURN;
                })
                .setDecidedAt(Sql.timestamp(at));
        ifJudgment(s, event::setJudgmentId);
        return outbox.append(tx, outbox.envelope(s.expertId()).setAppealDecided(event).build());
    }

    private static void ifJudgment(SessionUnderCase s, Function<String, ?> set) {
        if (s.judgmentId() != null) {
            set.apply(s.judgmentId().toString());
        }
    }
}
