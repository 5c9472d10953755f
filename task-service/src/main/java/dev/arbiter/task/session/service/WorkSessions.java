package dev.arbiter.task.session.service;

import dev.arbiter.proto.tasks.v1.WorkSessionClosed;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.session.ActiveTime;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one place where work sessions open (a claim, a revision) and close (submit, release, lease
 * expiry by a claim or the sweep). Closing computes the session's {@link ActiveTime} once, stores it,
 * and emits {@code WorkSessionClosed} with that same figure, in the caller's transaction.
 */
@ApplicationScoped
public class WorkSessions {

    private final WorkSessionRepository sessions;
    private final TaskOutbox outbox;

    public WorkSessions(WorkSessionRepository sessions, TaskOutbox outbox) {
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /** Opens a session that counts until {@code countsUntil} (a claim's lease, or a revision's span). */
    public Uni<Void> open(SqlConnection tx, SessionKind kind, UUID sessionId, UUID taskId, UUID expertId, UUID jobId,
                          OffsetDateTime countsUntil) {
        return sessions.insert(tx, sessionId, kind, taskId, expertId, jobId, countsUntil);
    }

    /** Closes the task's open session, if it has one. */
    public Uni<Void> close(SqlConnection tx, UUID taskId, CloseReason reason) {
        return sessions.lockOpen(tx, taskId).chain(open -> {
            if (open == null) {
                return Uni.createFrom().voidItem();
            }
            long active = ActiveTime.seconds(open.openedAt(), open.now(), open.countsUntil());
            return sessions.close(tx, open.id(), open.now(), reason, active)
                    .chain(() -> outbox.append(tx, outbox.envelope(open.expertId()).setWorkSessionClosed(WorkSessionClosed.newBuilder()
                            .setSessionId(open.id().toString()).setTaskId(taskId.toString()).setJobId(open.jobId().toString())
                            .setExpertId(open.expertId().toString()).setActiveSeconds(active)
                            .setOpenedAt(Sql.timestamp(open.openedAt())).setClosedAt(Sql.timestamp(open.now()))).build()));
        });
    }
}
