package dev.arbiter.task.session.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import dev.arbiter.task.session.signal.ReferenceReach;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of finalising: the queue of closed sessions whose grace is over, the one transition
 * {@code CLOSED → VERIFIED|FLAGGED}, and the stored result as the session view shows it.
 */
@ApplicationScoped
public class SessionFinalisingRepository {

    /** A closed session due for finalising, locked until the transaction ends. */
    public record DueSession(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, UUID expertId,
                             Instant openedAt, Instant closedAt, CloseReason closeReason, long activeSeconds,
                             byte[] digest, int batchCount, String deviceId, String clientAddress,
                             Long hourlyRateMinor, Integer expertTier, Integer tierMultiplierBp) {
    }

    /** What finalising stored: the signals as JSON, the paid seconds, the paste share and when. */
    public record Finalised(String signalsJson, Long paidSeconds, Double externalPasteShare, Instant finalisedAt) {
    }

    /**
     * The oldest closed session whose late batches are in (closed more than {@code grace} ago), locked;
     * sessions other finalisers hold are skipped, and so are {@code skip} (ones that failed in this run).
     * Null when none is due.
     */
    public Uni<DueSession> lockNextDue(SqlClient tx, Duration grace, UUID[] skip) {
        return lockDue(tx, grace, skip, 1).map(due -> due.isEmpty() ? null : due.get(0));
    }

    /**
     * Up to {@code n} of the oldest closed sessions whose late batches are in, locked in one statement (the
     * finaliser gathers what they have in common, such as their experts' reading records, in one query
     * each); skipped as {@link #lockNextDue} skips. Oldest first; empty when none is due.
     */
    public Uni<List<DueSession>> lockDue(SqlClient tx, Duration grace, UUID[] skip, int n) {
        return tx.preparedQuery("select id, kind, task_id, judgment_id, job_id, expert_id, opened_at, closed_at, close_reason, "
                        + "active_seconds, digest, batch_count, device_id, client_address, hourly_rate_minor, expert_tier, "
                        + "tier_multiplier_bp from work_session "
                        + "where state = " + is(SessionState.CLOSED) + " and closed_at < now() - make_interval(secs => $1) "
                        + "and id <> all($2) order by closed_at limit $3 for update skip locked")
                .execute(Tuple.of(grace.toMillis() / 1000.0, skip, Math.max(1, n))).map(rows -> {
                    List<DueSession> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new DueSession(r.getUUID("id"), SessionKind.valueOf(r.getString("kind")), r.getUUID("task_id"),
                                r.getUUID("judgment_id"), r.getUUID("job_id"), r.getUUID("expert_id"),
                                r.getOffsetDateTime("opened_at").toInstant(), r.getOffsetDateTime("closed_at").toInstant(),
                                CloseReason.valueOf(r.getString("close_reason")), r.getLong("active_seconds"),
                                WorkSessionRepository.bytes(r, "digest"), r.getInteger("batch_count"), r.getString("device_id"),
                                r.getString("client_address"), r.getLong("hourly_rate_minor"), r.getInteger("expert_tier"),
                                r.getInteger("tier_multiplier_bp")));
                    }
                    return out;
                });
    }

    /**
     * The one transition out of {@code CLOSED}; the time it was finalised, or null when the session was
     * no longer closed (finalised by someone else: nothing is written twice). {@code reach} (how deep the
     * session's text referred into its responses, for the expert's later {@code reference_record}) is stored
     * with it; null leaves it unknown. So is {@code firstRead} (how well the best-read response was read before the
     * first text, for the expert's later {@code glance_record}); NaN leaves it unknown.
     */
    public Uni<Instant> finalise(SqlClient tx, UUID id, SessionState state, String signalsJson, double externalPasteShare,
                                 long paidSeconds, ReferenceReach.Reach reach, double firstRead) {
        if (state != SessionState.VERIFIED && state != SessionState.FLAGGED) {
            throw new IllegalArgumentException("a session is finalised as VERIFIED or FLAGGED, not " + state);
        }
        return tx.preparedQuery("update work_session set state = $2, signals = $3::text::jsonb, external_paste_share = $4, "
                        + "paid_seconds = $5, reference_reach_words = $6, longest_response_words = $7, first_read_share = $8, "
                        + "finalised_at = now() where id = $1 and state = " + is(SessionState.CLOSED) + " returning finalised_at")
                .execute(Tuple.from(Arrays.asList(id, state.name(), signalsJson, externalPasteShare, paidSeconds,
                        reach == null ? null : reach.reachWords(), reach == null ? null : reach.longestResponseWords(),
                        Double.isFinite(firstRead) && firstRead >= 0 ? firstRead : null)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("finalised_at").toInstant());
    }

    /** The session's finalising figures; all null while it is open or closed. */
    public Uni<Finalised> finalised(SqlClient client, UUID id) {
        return client.preparedQuery("select signals::text as signals, paid_seconds, external_paste_share, finalised_at "
                        + "from work_session where id = $1").execute(Tuple.of(id)).map(rows -> {
                    if (rows.size() == 0) {
                        return new Finalised(null, null, null, null);
                    }
                    Row r = rows.iterator().next();
                    OffsetDateTime at = r.getOffsetDateTime("finalised_at");
                    return new Finalised(r.getString("signals"), r.getLong("paid_seconds"), r.getDouble("external_paste_share"),
                            Sql.instant(at));
                });
    }
}
