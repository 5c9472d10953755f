package dev.arbiter.task.session.decision.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.SlotState;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.review.model.Decision;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL that voids a judgment and its task, and restores them: VOID keeps the state each had in
 * {@code state_before_void} (the database refuses a VOID without it), so a restore is exact.
 */
@ApplicationScoped
public class JudgmentVoidRepository {

    /** A task's judgment, locked with its task, as voiding and restoring need it. */
    public record TaskJudgment(UUID judgmentId, JudgmentState state, UUID taskId, TaskState taskState,
                               TaskState taskStateBeforeVoid, long slotId, UUID jobId, UUID itemId, UUID expertId,
                               String domain) {
    }

    public Uni<TaskJudgment> lockOfTask(SqlClient tx, UUID taskId) {
        return tx.preparedQuery("select d.id, d.state, t.id as task_id, t.state as task_state, t.state_before_void, t.slot_id, d.job_id, d.item_id, "
                        + "d.expert_id, j.domain from judgment d join task t on t.id = d.task_id join job j on j.id = d.job_id "
                        + "where d.task_id = $1 for update of d, t")
                .execute(Tuple.of(taskId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    String before = r.getString("state_before_void");
                    return new TaskJudgment(r.getUUID("id"), JudgmentState.valueOf(r.getString("state")), r.getUUID("task_id"),
                            TaskState.valueOf(r.getString("task_state")), before == null ? null : TaskState.valueOf(before),
                            r.getLong("slot_id"), r.getUUID("job_id"),
                            r.getUUID("item_id"), r.getUUID("expert_id"), r.getString("domain"));
                });
    }

    /** The judgment and its task become VOID, each remembering what it was. */
    public Uni<Void> voidJudgment(SqlClient tx, UUID judgmentId, UUID taskId) {
        return tx.preparedQuery("update judgment set state_before_void = state, state = " + is(JudgmentState.VOID)
                        + " where id = $1 and state <> " + is(JudgmentState.VOID)).execute(Tuple.of(judgmentId))
                .chain(() -> tx.preparedQuery("update task set state_before_void = state, state = " + is(TaskState.VOID)
                        + ", updated_at = now() where id = $1 and state <> " + is(TaskState.VOID)).execute(Tuple.of(taskId)))
                .replaceWithVoid();
    }

    /** The judgment and its task return to what they were (the task's slot settled first). */
    public Uni<Void> restore(SqlClient tx, UUID judgmentId, UUID taskId) {
        return tx.preparedQuery("update judgment set state = state_before_void, state_before_void = null where id = $1 and state = "
                        + is(JudgmentState.VOID)).execute(Tuple.of(judgmentId))
                .chain(() -> tx.preparedQuery("update task set state = state_before_void, state_before_void = null, "
                        + "updated_at = now() where id = $1 and state = " + is(TaskState.VOID))
                        .execute(Tuple.of(taskId)))
                .replaceWithVoid();
    }

    /** The task takes its old slot back if it is still open; whether it could. */
    public Uni<Boolean> retakeSlot(SqlClient tx, long slotId, UUID taskId) {
        return tx.preparedQuery("update item_slot set state = " + is(SlotState.DONE) + ", task_id = $2 where id = $1 and state = "
                        + is(SlotState.OPEN)).execute(Tuple.of(slotId, taskId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Its old slot was taken meanwhile: the item gets one more slot, done, held by the restored task. The
     * expert's honest work is kept rather than discarded, at the price of one judgment more than the item asked.
     */
    public Uni<Void> moveToNewSlot(SqlClient tx, UUID jobId, UUID itemId, UUID taskId) {
        return tx.preparedQuery("insert into item_slot (job_id, item_id, slot_index, state, task_id) values ($1, $2, "
                        + "(select max(slot_index) + 1 from item_slot where item_id = $2), " + is(SlotState.DONE) + ", $3) returning id")
                .execute(Tuple.of(jobId, itemId, taskId))
                .chain(rows -> tx.preparedQuery("update task set slot_id = $2 where id = $1")
                        .execute(Tuple.of(taskId, rows.iterator().next().getLong("id"))))
                .replaceWithVoid();
    }

    /** Whether another session of the task is confirmed as fraud: then its judgment stays void. */
    public Uni<Boolean> otherConfirmedSession(SqlClient tx, UUID taskId, UUID sessionId) {
        return tx.preparedQuery("select exists (select 1 from work_session where task_id = $1 and id <> $2 and state = "
                        + is(SessionState.CONFIRMED) + ") as other").execute(Tuple.of(taskId, sessionId))
                .map(rows -> rows.iterator().next().getBoolean("other"));
    }

    /** The experts with a judgment on the item: their agreement with consensus moves with any one of them. */
    public Uni<List<UUID>> expertsOnItem(SqlClient tx, UUID itemId) {
        return tx.preparedQuery("select distinct expert_id from judgment where item_id = $1 order by expert_id")
                .execute(Tuple.of(itemId)).map(rows -> {
                    List<UUID> experts = new ArrayList<>();
                    rows.forEach(r -> experts.add(r.getUUID("expert_id")));
                    return experts;
                });
    }

    /**
     * A QA review confirmed as fraud: the judgment it accepted (if it is still accepted) is drawn for an
     * admin spot check, so that a human looks at it again; whether it was.
     */
    public Uni<Boolean> drawForSpotCheck(SqlClient tx, UUID judgmentId, UUID reviewerId) {
        return tx.preparedQuery("update judgment d set spot_check = true where d.id = $1 and d.state = " + is(JudgmentState.ACCEPTED)
                        + " and exists (select 1 from review r where r.judgment_id = d.id and r.reviewer_id = $2 and r.decision = "
                        + is(Decision.ACCEPT) + ")")
                .execute(Tuple.of(judgmentId, reviewerId)).map(rows -> rows.rowCount() == 1);
    }
}
