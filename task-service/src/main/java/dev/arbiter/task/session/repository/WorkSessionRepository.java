package dev.arbiter.task.session.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code work_session} table. */
@ApplicationScoped
public class WorkSessionRepository {

    /**
     * An open session, locked, with the database's clock (the transaction's {@code now()}) to close it
     * by. A task's session names its task; a review session names the judgment under review.
     */
    public record OpenSession(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, UUID expertId,
                              Instant openedAt, Instant countsUntil, Instant now) {
    }

    private static final String OPEN_COLUMNS = "select id, kind, task_id, judgment_id, job_id, expert_id, opened_at, "
            + "counts_until, now() as now from work_session where state = " + is(SessionState.OPEN);

    public Uni<Void> insert(SqlClient tx, UUID id, SessionKind kind, UUID taskId, UUID expertId, UUID jobId,
                            OffsetDateTime countsUntil) {
        return tx.preparedQuery("insert into work_session (id, task_id, expert_id, job_id, kind, state, counts_until) "
                        + "values ($1, $2, $3, $4, $5, " + is(SessionState.OPEN) + ", $6)")
                .execute(Tuple.from(Arrays.asList(id, taskId, expertId, jobId, kind.name(), countsUntil))).replaceWithVoid();
    }

    /**
     * The reviewer's open session on the judgment: the one they have, or a new one that counts for
     * {@code minutes}. Concurrent calls by one reviewer meet on the partial unique index.
     */
    public Uni<UUID> openReview(SqlClient client, UUID judgmentId, UUID reviewerId, UUID jobId, int minutes) {
        return client.preparedQuery("insert into work_session (id, judgment_id, expert_id, job_id, kind, state, counts_until) "
                        + "values ($1, $2, $3, $4, " + is(SessionKind.REVIEW) + ", " + is(SessionState.OPEN)
                        + ", now() + make_interval(mins => $5)) "
                        + "on conflict (judgment_id, expert_id) where state = " + is(SessionState.OPEN) + " do nothing returning id")
                .execute(Tuple.of(UUID.randomUUID(), judgmentId, reviewerId, jobId, minutes))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(rows.iterator().next().getUUID("id"))
                        : client.preparedQuery("select id from work_session where judgment_id = $1 and expert_id = $2 and state = "
                                + is(SessionState.OPEN)).execute(Tuple.of(judgmentId, reviewerId))
                        .map(existing -> existing.iterator().next().getUUID("id")));
    }

    /** The task's open session, locked until the transaction ends; null when it has none. */
    public Uni<OpenSession> lockOpenOfTask(SqlClient tx, UUID taskId) {
        return tx.preparedQuery(OPEN_COLUMNS + " and task_id = $1 for update").execute(Tuple.of(taskId))
                .map(rows -> rows.size() == 0 ? null : open(rows.iterator().next()));
    }

    /** Every open review session on the judgment, locked. */
    public Uni<List<OpenSession>> lockOpenReviewsOf(SqlClient tx, UUID judgmentId) {
        return tx.preparedQuery(OPEN_COLUMNS + " and judgment_id = $1 for update").execute(Tuple.of(judgmentId))
                .map(WorkSessionRepository::all);
    }

    /** Up to {@code limit} open review sessions that stopped counting, locked (others sweeping skip them). */
    public Uni<List<OpenSession>> lockStaleReviews(SqlClient tx, int limit) {
        return tx.preparedQuery(OPEN_COLUMNS + " and kind = " + is(SessionKind.REVIEW)
                        + " and counts_until < now() order by counts_until limit $1 for update skip locked")
                .execute(Tuple.of(limit)).map(WorkSessionRepository::all);
    }

    public Uni<Void> close(SqlClient tx, UUID id, Instant closedAt, CloseReason reason, long activeSeconds) {
        return tx.preparedQuery("update work_session set state = " + is(SessionState.CLOSED)
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
                        + "where job_id = $1 and state = " + is(SessionState.CLOSED))
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getLong("seconds"));
    }

    private static List<OpenSession> all(RowSet<Row> rows) {
        List<OpenSession> sessions = new ArrayList<>();
        rows.forEach(r -> sessions.add(open(r)));
        return sessions;
    }

    private static OpenSession open(Row r) {
        return new OpenSession(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")), r.getUUID("task_id"),
                r.getUUID("judgment_id"), r.getUUID("job_id"), r.getUUID("expert_id"),
                r.getOffsetDateTime("opened_at").toInstant(), r.getOffsetDateTime("counts_until").toInstant(),
                r.getOffsetDateTime("now").toInstant());
    }
}
