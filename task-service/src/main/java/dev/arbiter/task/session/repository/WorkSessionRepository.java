package dev.arbiter.task.session.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
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
                              Instant openedAt, Instant countsUntil, int batchCount, Instant now) {
    }

    /** A session as its owner or an admin reads it, with what it knows of its log. */
    public record SessionRecord(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, UUID expertId,
                                SessionState state, CloseReason closeReason, Instant openedAt, Instant closedAt,
                                Instant countsUntil, Long activeSeconds, byte[] digest, int batchCount, int eventCount,
                                Integer lastSeq) {
    }

    /** A session locked to take a batch, with the database's clock. */
    /** {@code hasDevice}, {@code hasAddress}: the session's origin is known already (the first seen is kept). */
    public record RecordingSession(UUID id, SessionKind kind, UUID jobId, SessionState state, Instant openedAt,
                                   Instant closedAt, byte[] digest, int batchCount, Integer lastSeq, long logBytes,
                                   Instant now, boolean hasDevice, boolean hasAddress) {
    }

    private static final String OPEN_COLUMNS = "select id, kind, task_id, judgment_id, job_id, expert_id, opened_at, "
            + "counts_until, batch_count, now() as now from work_session where state = " + is(SessionState.OPEN);

    /**
     * A session as its readers see it. {@code judgment_id}: the reviewed judgment of a review session, the
     * task's judgment (once submitted) of a claim or revision session.
     */
    private static final String RECORD_COLUMNS = "select id, kind, task_id, "
            + "coalesce(judgment_id, (select d.id from judgment d where d.task_id = work_session.task_id)) as judgment_id, "
            + "job_id, expert_id, state, close_reason, opened_at, closed_at, counts_until, active_seconds, digest, batch_count, event_count, last_seq "
            + "from work_session ";

    /** Opens a task's session with what it pays by; its opening time (the database's clock). */
    public Uni<Instant> insert(SqlClient tx, UUID id, SessionKind kind, UUID taskId, UUID expertId, UUID jobId,
                               OffsetDateTime countsUntil, long hourlyRateMinor, int tier, int multiplierBp) {
        return tx.preparedQuery("insert into work_session (id, task_id, expert_id, job_id, kind, state, counts_until, "
                        + "hourly_rate_minor, expert_tier, tier_multiplier_bp) "
                        + "values ($1, $2, $3, $4, $5, " + is(SessionState.OPEN) + ", $6, $7, $8, $9) returning opened_at")
                .execute(Tuple.from(Arrays.asList(id, taskId, expertId, jobId, kind.name(), countsUntil, hourlyRateMinor,
                        tier, multiplierBp)))
                .map(rows -> rows.iterator().next().getOffsetDateTime("opened_at").toInstant());
    }

    /**
     * The same, opened at {@code openedAt} (a claim passes its transaction's {@code now()}, the column's default, so
     * that the row and its event can be sent together without waiting for the row's answer).
     */
    public Uni<Void> insert(SqlClient tx, UUID id, SessionKind kind, UUID taskId, UUID expertId, UUID jobId,
                            OffsetDateTime countsUntil, long hourlyRateMinor, int tier, int multiplierBp, OffsetDateTime openedAt) {
        return tx.preparedQuery("insert into work_session (id, task_id, expert_id, job_id, kind, state, counts_until, "
                        + "hourly_rate_minor, expert_tier, tier_multiplier_bp, opened_at) "
                        + "values ($1, $2, $3, $4, $5, " + is(SessionState.OPEN) + ", $6, $7, $8, $9, $10)")
                .execute(Tuple.from(Arrays.asList(id, taskId, expertId, jobId, kind.name(), countsUntil, hourlyRateMinor,
                        tier, multiplierBp, openedAt)))
                .replaceWithVoid();
    }

    /** A review session just opened, or the one the reviewer had open already ({@code opened} false). */
    public record ReviewSession(UUID id, boolean opened, Instant openedAt, OffsetDateTime countsUntil) {
    }

    /**
     * The reviewer's open session on the judgment: the one they have, or a new one that counts for
     * {@code minutes}, with what it pays by. Concurrent calls by one reviewer meet on the partial unique index.
     */
    public Uni<ReviewSession> openReview(SqlClient client, UUID judgmentId, UUID reviewerId, UUID jobId, int minutes,
                                         long hourlyRateMinor, int tier, int multiplierBp) {
        return client.preparedQuery("insert into work_session (id, judgment_id, expert_id, job_id, kind, state, counts_until, "
                        + "hourly_rate_minor, expert_tier, tier_multiplier_bp) "
                        + "values ($1, $2, $3, $4, " + is(SessionKind.REVIEW) + ", " + is(SessionState.OPEN)
                        + ", now() + make_interval(mins => $5), $6, $7, $8) "
                        + "on conflict (judgment_id, expert_id) where state = " + is(SessionState.OPEN) + " and kind = "
                        + is(SessionKind.REVIEW) + " do nothing returning id, opened_at, counts_until")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), judgmentId, reviewerId, jobId, minutes, hourlyRateMinor,
                        tier, multiplierBp)))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(review(rows.iterator().next(), true))
                        : client.preparedQuery("select id, opened_at, counts_until from work_session where judgment_id = $1 "
                                + "and expert_id = $2 and state = " + is(SessionState.OPEN)).execute(Tuple.of(judgmentId, reviewerId))
                        .map(existing -> review(existing.iterator().next(), false)));
    }

    private static ReviewSession review(Row r, boolean opened) {
        return new ReviewSession(r.getUUID("id"), opened, r.getOffsetDateTime("opened_at").toInstant(),
                r.getOffsetDateTime("counts_until"));
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

    /**
     * The expert's session, locked until the transaction ends so that its batches chain one after the
     * other; null when there is none or it is another expert's.
     */
    public Uni<RecordingSession> lockForRecording(SqlClient tx, UUID id, UUID expertId) {
        return recording(tx, RECORDING + " for update", id, expertId);
    }

    /**
     * The expert's session as it stands, without a lock (a single statement outside any transaction), with the
     * database's clock; null when there is none or it is another expert's. What a batch is prepared from
     * before {@link SessionBatchRepository#appendIfUnchanged} stores it only if nothing changed since.
     */
    public Uni<RecordingSession> findForRecording(SqlClient client, UUID id, UUID expertId) {
        return recording(client, RECORDING, id, expertId);
    }

    private static final String RECORDING = "select id, kind, job_id, state, opened_at, closed_at, digest, batch_count, "
            + "last_seq, log_bytes, now() as now, device_id is not null as has_device, client_address is not null as has_address "
            + "from work_session where id = $1 and expert_id = $2";

    private static Uni<RecordingSession> recording(SqlClient client, String sql, UUID id, UUID expertId) {
        return client.preparedQuery(sql)
                .execute(Tuple.of(id, expertId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new RecordingSession(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")), r.getUUID("job_id"),
                            SessionState.valueOf(r.getString("state")), r.getOffsetDateTime("opened_at").toInstant(),
                            Sql.instant(r.getOffsetDateTime("closed_at")), bytes(r, "digest"), r.getInteger("batch_count"),
                            r.getInteger("last_seq"), r.getLong("log_bytes"), r.getOffsetDateTime("now").toInstant(),
                            r.getBoolean("has_device"), r.getBoolean("has_address"));
                });
    }

    /**
     * The session, share-locked until the transaction ends: no batch can be appended meanwhile, so the
     * log read next in the same transaction is exactly the log its digest ends.
     */
    public Uni<SessionRecord> findForReading(SqlClient tx, UUID id) {
        return tx.preparedQuery(RECORD_COLUMNS + "where id = $1 for share").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : record(rows.iterator().next()));
    }

    /** The expert's sessions, newest first. */
    public Uni<List<SessionRecord>> ofExpert(SqlClient client, UUID expertId, int limit) {
        return client.preparedQuery(RECORD_COLUMNS + "where expert_id = $1 order by opened_at desc, id limit $2")
                .execute(Tuple.of(expertId, limit)).map(rows -> {
                    List<SessionRecord> out = new ArrayList<>();
                    rows.forEach(r -> out.add(record(r)));
                    return out;
                });
    }

    /** The newest session of a task (the one its expert works in now, or worked in last). */
    public static String latestOfTask(String taskColumn) {
        return "(select s.id from work_session s where s.task_id = " + taskColumn + " order by s.opened_at desc limit 1)";
    }

    private static SessionRecord record(Row r) {
        String reason = r.getString("close_reason");
        return new SessionRecord(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")), r.getUUID("task_id"),
                r.getUUID("judgment_id"), r.getUUID("job_id"), r.getUUID("expert_id"), SessionState.valueOf(r.getString("state")),
                reason == null ? null : CloseReason.valueOf(reason), r.getOffsetDateTime("opened_at").toInstant(),
                Sql.instant(r.getOffsetDateTime("closed_at")), r.getOffsetDateTime("counts_until").toInstant(),
                r.getLong("active_seconds"), bytes(r, "digest"), r.getInteger("batch_count"), r.getInteger("event_count"),
                r.getInteger("last_seq"));
    }

    static byte[] bytes(Row r, String column) {
        Buffer b = r.getBuffer(column);
        return b == null ? null : b.getBytes();
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
                r.getInteger("batch_count"), r.getOffsetDateTime("now").toInstant());
    }
}
