package dev.arbiter.task.session.repository;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/** The SQL of the {@code work_session} table. */
@ApplicationScoped
public class WorkSessionRepository {

    /** An open session, locked, with the database's clock (the transaction's {@code now()}) for closing it. */
    public record OpenSession(UUID id, UUID taskId, UUID jobId, UUID expertId, SessionKind kind, Instant openedAt,
                              Instant countsUntil, Instant now) {
    }

    private static final String LOCK_OPEN = "select id, task_id, job_id, expert_id, kind, opened_at, counts_until, now() as now "
            + "from work_session where task_id = $1 and state = " + Sql.is(SessionState.OPEN) + " for update";

    public Uni<Void> insert(SqlClient tx, UUID id, SessionKind kind, UUID taskId, UUID expertId, UUID jobId,
                            OffsetDateTime countsUntil) {
        return tx.preparedQuery("insert into work_session (id, task_id, expert_id, job_id, kind, state, counts_until) "
                        + "values ($1, $2, $3, $4, $5, " + Sql.is(SessionState.OPEN) + ", $6)")
                .execute(Tuple.from(Arrays.asList(id, taskId, expertId, jobId, kind.name(), countsUntil))).replaceWithVoid();
    }

    /** The task's open session, locked until the transaction ends; null when it has none. */
    public Uni<OpenSession> lockOpen(SqlClient tx, UUID taskId) {
        return tx.preparedQuery(LOCK_OPEN).execute(Tuple.of(taskId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new OpenSession(r.getUUID("id"), r.getUUID("task_id"), r.getUUID("job_id"), r.getUUID("expert_id"),
                    SessionKind.valueOf(r.getString("kind")), r.getOffsetDateTime("opened_at").toInstant(),
                    r.getOffsetDateTime("counts_until").toInstant(), r.getOffsetDateTime("now").toInstant());
        });
    }

    public Uni<Void> close(SqlClient tx, UUID id, Instant closedAt, CloseReason reason, long activeSeconds) {
        return tx.preparedQuery("update work_session set state = " + Sql.is(SessionState.CLOSED)
                        + ", closed_at = $2, close_reason = $3, active_seconds = $4 where id = $1")
                .execute(Tuple.of(id, closedAt.atOffset(ZoneOffset.UTC), reason.name(), activeSeconds)).replaceWithVoid();
    }

    /** The newest session of a task (the one its expert works in now, or worked in last). */
    public static String latestOfTask(String taskColumn) {
        return "(select s.id from work_session s where s.task_id = " + taskColumn + " order by s.opened_at desc limit 1)";
    }

    /** Active seconds of a job's closed sessions: what the job has cost so far, before multipliers. */
    public Uni<Long> activeSecondsOfJob(SqlClient client, UUID jobId) {
        return client.preparedQuery("select coalesce(sum(active_seconds), 0) as seconds from work_session "
                        + "where job_id = $1 and state = " + Sql.is(SessionState.CLOSED))
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getLong("seconds"));
    }
}
