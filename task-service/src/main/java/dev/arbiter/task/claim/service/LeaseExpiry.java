package dev.arbiter.task.claim.service;

import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.UUID;

/** What a lease's end means for its task, whoever finds it ended (a claim taking the slot, or the sweep). */
final class LeaseExpiry {

    private LeaseExpiry() {
    }

    /** Marks the task expired and closes its session, in the caller's transaction. */
    static Uni<Void> expire(SqlConnection tx, UUID taskId, TaskRepository tasks, WorkSessions sessions) {
        return tasks.expire(tx, taskId).chain(() -> sessions.close(tx, taskId, CloseReason.EXPIRED));
    }
}
