package dev.arbiter.task.session.decision.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.decision.model.AppealDecision;
import dev.arbiter.task.session.decision.model.CaseDecision;
import dev.arbiter.task.session.decision.model.CaseViews.Appeal;
import dev.arbiter.task.session.decision.model.CaseViews.SessionCase;
import dev.arbiter.task.session.decision.model.CaseViews.SessionUnderReview;
import dev.arbiter.task.session.decision.model.JudgmentEffect;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The SQL of {@code session_case} and its append-only {@code session_case_audit}. */
@ApplicationScoped
public class SessionCaseRepository {

    /**
     * A session locked for a step of its case, with the judgment it concerns: the task's judgment for a
     * claim or revision, the reviewed one for a QA review (null when there is none, e.g. a released task).
     */
    public record SessionUnderCase(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, UUID expertId,
                                   SessionState state) {
    }

    /** A case row: the view, and who confirmed (for the second-admin rule). */
    public record CaseRecord(SessionCase view, boolean appealed, boolean appealDecided, UUID confirmedBy) {
    }

    private static final String JUDGMENT_OF_SESSION =
            "coalesce(s.judgment_id, (select d.id from judgment d where d.task_id = s.task_id))";

    private static final String CASE_COLUMNS = "c.decision, c.reason, c.decided_by, c.decided_at, c.judgment_id as case_judgment_id, "
            + "c.appeal_statement, c.appealed_at, c.appeal_decision, c.appeal_reason, c.appeal_decided_by, c.appeal_decided_at";

    /** Fired signals only: the evidence an admin reads first (the session view shows them all). */
    private static final String FIRED_SIGNALS = "coalesce((select jsonb_agg(x) from jsonb_array_elements(coalesce(s.signals, "
            + "'[]'::jsonb)) x where x->'fired' = 'true'::jsonb), '[]'::jsonb)::text as fired";

    private final JsonColumns json;

    public SessionCaseRepository(JsonColumns json) {
        this.json = json;
    }

    /** The session locked until the transaction ends; null when absent or, with an owner given, another expert's. */
    public Uni<SessionUnderCase> lockSession(SqlClient tx, UUID sessionId, UUID ownerOrNull) {
        return tx.preparedQuery("select s.id, s.kind, s.task_id, " + JUDGMENT_OF_SESSION + " as judgment_id, s.job_id, "
                        + "s.expert_id, s.state from work_session s where s.id = $1 and ($2::uuid is null or s.expert_id = $2) "
                        + "for update of s")
                .execute(Tuple.from(Arrays.asList(sessionId, ownerOrNull))).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new SessionUnderCase(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")), r.getUUID("task_id"),
                            r.getUUID("judgment_id"), r.getUUID("job_id"), r.getUUID("expert_id"),
                            SessionState.valueOf(r.getString("state")));
                });
    }

    /** The session's case, or null when nobody decided on it yet. */
    public Uni<CaseRecord> find(SqlClient client, UUID sessionId) {
        return client.preparedQuery("select " + CASE_COLUMNS + " from session_case c where c.session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> rows.size() == 0 ? null : record(rows.iterator().next()));
    }

    /** Records the decision; when it was taken (the database's clock). */
    public Uni<Instant> insertDecision(SqlClient tx, UUID sessionId, CaseDecision decision, String reason, UUID adminId,
                                       UUID judgmentId) {
        return tx.preparedQuery("insert into session_case (session_id, decision, reason, decided_by, judgment_id) "
                        + "values ($1, $2, $3, $4, $5) returning decided_at")
                .execute(Tuple.from(Arrays.asList(sessionId, decision.name(), reason, adminId, judgmentId)))
                .map(rows -> rows.iterator().next().getOffsetDateTime("decided_at").toInstant());
    }

    /** Records the appeal, once; when it was made. */
    public Uni<Instant> appeal(SqlClient tx, UUID sessionId, String statement) {
        return tx.preparedQuery("update session_case set appeal_statement = $2, appealed_at = now() "
                        + "where session_id = $1 and appeal_statement is null returning appealed_at")
                .execute(Tuple.of(sessionId, statement))
                .map(rows -> rows.iterator().next().getOffsetDateTime("appealed_at").toInstant());
    }

    /** Records the decision on the appeal, once; when it was taken. */
    public Uni<Instant> decideAppeal(SqlClient tx, UUID sessionId, AppealDecision decision, String reason, UUID adminId) {
        return tx.preparedQuery("update session_case set appeal_decision = $2, appeal_reason = $3, appeal_decided_by = $4, "
                        + "appeal_decided_at = now() where session_id = $1 and appeal_statement is not null "
                        + "and appeal_decision is null returning appeal_decided_at")
                .execute(Tuple.of(sessionId, decision.name(), reason, adminId))
                .map(rows -> rows.iterator().next().getOffsetDateTime("appeal_decided_at").toInstant());
    }

    /** Moves the session's state; the caller holds its lock, so the expected state is the one it read. */
    public Uni<Void> moveSession(SqlClient tx, UUID sessionId, SessionState from, SessionState to) {
        return tx.preparedQuery("update work_session set state = $3 where id = $1 and state = $2")
                .execute(Tuple.of(sessionId, from.name(), to.name())).map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("session " + sessionId + " was not " + from + " under its lock");
                    }
                    return null;
                });
    }

    /** One line of the audit trail: who did what, why, and what it did to the session and its judgment. */
    public Uni<Void> audit(SqlClient tx, UUID sessionId, String action, UUID actorId, String text, SessionState from,
                           SessionState to, UUID judgmentId, JudgmentEffect effect) {
        return tx.preparedQuery("insert into session_case_audit (session_id, action, actor_id, text, state_from, state_to, "
                        + "judgment_id, judgment_effect) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(Arrays.asList(sessionId, action, actorId, text, from.name(), to.name(), judgmentId,
                        effect.name())))
                .replaceWithVoid();
    }

    /** Sessions in a state, most recently closed first, with their fired signals and their case. */
    public Uni<List<SessionUnderReview>> inState(SqlClient client, SessionState state, int limit, int offset) {
        return client.preparedQuery("select s.id, s.kind, s.task_id, " + JUDGMENT_OF_SESSION + " as judgment_id, s.job_id, "
                        + "s.expert_id, s.state, s.closed_at, s.finalised_at, s.active_seconds, s.paid_seconds, "
                        + FIRED_SIGNALS + ", c.session_id as case_session, " + CASE_COLUMNS + " from work_session s "
                        + "left join session_case c on c.session_id = s.id where s.state = " + is(state)
                        + " order by s.closed_at desc nulls first, s.id limit $1 offset $2")
                .execute(Tuple.of(limit, offset)).map(rows -> {
                    List<SessionUnderReview> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new SessionUnderReview(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")),
                                r.getUUID("task_id"), r.getUUID("judgment_id"), r.getUUID("job_id"), r.getUUID("expert_id"),
                                SessionState.valueOf(r.getString("state")), Sql.instant(r.getOffsetDateTime("closed_at")),
                                Sql.instant(r.getOffsetDateTime("finalised_at")), r.getLong("active_seconds"),
                                r.getLong("paid_seconds"), json.read(r.getString("fired")),
                                r.getUUID("case_session") == null ? null : record(r).view()));
                    }
                    return out;
                });
    }

    private static CaseRecord record(Row r) {
        CaseDecision decision = CaseDecision.valueOf(r.getString("decision"));
        String appealDecision = r.getString("appeal_decision");
        Appeal appeal = r.getString("appeal_statement") == null ? null
                : new Appeal(r.getString("appeal_statement"), Sql.instant(r.getOffsetDateTime("appealed_at")),
                        appealDecision == null ? null : AppealDecision.valueOf(appealDecision), r.getString("appeal_reason"),
                        r.getUUID("appeal_decided_by"), Sql.instant(r.getOffsetDateTime("appeal_decided_at")));
        SessionCase view = new SessionCase(decision, r.getString("reason"), r.getUUID("decided_by"),
                r.getOffsetDateTime("decided_at").toInstant(), r.getUUID("case_judgment_id"), appeal);
        return new CaseRecord(view, appeal != null, appealDecision != null,
                decision == CaseDecision.CONFIRM ? r.getUUID("decided_by") : null);
    }
}
