package dev.arbiter.task.session;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.tasks.v1.WorkSessionClosed;
import dev.arbiter.task.events.TaskOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The work session a claim opens. Closing it (submit, release, lease expiry) emits
 * {@code WorkSessionClosed}; until session recording exists, active time is the session's wall-clock
 * length, capped at the lease.
 */
@ApplicationScoped
public class WorkSessions {

    private static final String CLOSE = "update work_session s set closed_at = now(), close_reason = $2 "
            + "from task t where s.task_id = $1 and s.closed_at is null and t.id = s.task_id "
            + "returning s.id, s.job_id, s.expert_id, s.opened_at, s.closed_at, t.lease_expires_at";

    private final TaskOutbox outbox;

    public WorkSessions(TaskOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> open(SqlConnection tx, UUID sessionId, UUID taskId, UUID expertId, UUID jobId) {
        return tx.preparedQuery("insert into work_session (id, task_id, expert_id, job_id) values ($1, $2, $3, $4)")
                .execute(Tuple.of(sessionId, taskId, expertId, jobId)).replaceWithVoid();
    }

    /** Closes the task's open session, if any, in the caller's transaction. */
    public Uni<Void> close(SqlConnection tx, UUID taskId, String reason) {
        return tx.preparedQuery(CLOSE).execute(Tuple.of(taskId, reason)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            Row r = rows.iterator().next();
            OffsetDateTime opened = r.getOffsetDateTime(3);
            OffsetDateTime closed = r.getOffsetDateTime(4);
            OffsetDateTime cap = r.getOffsetDateTime(5);
            OffsetDateTime end = closed.isAfter(cap) && cap.isAfter(opened) ? cap : closed;
            long active = Math.max(0, Duration.between(opened, end).toSeconds());
            return outbox.append(tx, outbox.envelope(r.getUUID(2)).setWorkSessionClosed(WorkSessionClosed.newBuilder()
                    .setSessionId(r.getUUID(0).toString()).setTaskId(taskId.toString()).setJobId(r.getUUID(1).toString())
                    .setExpertId(r.getUUID(2).toString()).setActiveSeconds(active)
                    .setOpenedAt(timestamp(opened)).setClosedAt(timestamp(closed))).build());
        });
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
