package dev.arbiter.task.claim.repository;

import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.claim.model.TaskViews.MyTask;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code task} table. An expert's task is looked up with their id, so another expert's is absent. */
@ApplicationScoped
public class TaskRepository {

    /** A task with its item, as its expert reloads it; jsonb columns as text. */
    public record TaskRecord(UUID jobId, TaskState state, OffsetDateTime leaseExpiresAt, List<String> responseOrder,
                             String draftJson, String feedbackJson, String prompt, String responsesJson, UUID sessionId) {
    }

    private static final String OF_EXPERT = "select t.job_id, t.state, t.lease_expires_at, t.response_order::text as response_order, "
            + "t.draft::text as draft, t.feedback::text as feedback, i.prompt, i.responses::text as responses, "
            + WorkSessionRepository.latestOfTask("t.id") + " as session_id "
            + "from task t join item i on i.id = t.item_id where t.id = $1 and t.expert_id = $2";

    private static final String MINE = "select t.id, t.job_id, j.title, t.state, t.claimed_at, t.lease_expires_at, "
            + "d.id as judgment_id, d.state as judgment_state, t.feedback::text as feedback "
            + "from task t join job j on j.id = t.job_id left join judgment d on d.task_id = t.id "
            + "where t.expert_id = $1 order by t.claimed_at desc limit 500";

    /** The expert may still change it: a live lease, or a judgment sent back for revision. */
    private static final String OPEN_TO_EXPERT = "(state = " + is(TaskState.REVISION) + " or (state = " + is(TaskState.LEASED)
            + " and lease_expires_at > now()))";

    private final Pool pool;
    private final JsonColumns json;

    public TaskRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insertLeased(SqlClient tx, UUID taskId, long slotId, UUID jobId, UUID itemId, UUID expertId, int tier,
                                  List<String> responseOrder, OffsetDateTime leaseExpiresAt) {
        return tx.preparedQuery("insert into task (id, slot_id, job_id, item_id, expert_id, expert_tier, state, response_order, "
                        + "lease_expires_at) values ($1, $2, $3, $4, $5, $6, " + is(TaskState.LEASED) + ", $7::text::jsonb, $8)")
                .execute(Tuple.from(List.of(taskId, slotId, jobId, itemId, expertId, tier, json.write(responseOrder),
                        leaseExpiresAt)))
                .replaceWithVoid();
    }

    public Uni<TaskRecord> ofExpert(UUID taskId, UUID expertId) {
        return pool.preparedQuery(OF_EXPERT).execute(Tuple.of(taskId, expertId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new TaskRecord(r.getUUID("job_id"), TaskState.valueOf(r.getString("state")),
                    r.getOffsetDateTime("lease_expires_at"), json.strings(r.getString("response_order")), r.getString("draft"),
                    r.getString("feedback"), r.getString("prompt"), r.getString("responses"), r.getUUID("session_id"));
        });
    }

    public Uni<List<MyTask>> mine(UUID expertId) {
        return pool.preparedQuery(MINE).execute(Tuple.of(expertId)).map(rows -> {
            List<MyTask> tasks = new ArrayList<>();
            for (Row r : rows) {
                String judgmentState = r.getString("judgment_state");
                tasks.add(new MyTask(r.getUUID("id"), r.getUUID("job_id"), r.getString("title"),
                        TaskState.valueOf(r.getString("state")), Sql.instant(r.getOffsetDateTime("claimed_at")),
                        Sql.instant(r.getOffsetDateTime("lease_expires_at")), r.getUUID("judgment_id"),
                        judgmentState == null ? null : JudgmentState.valueOf(judgmentState),
                        json.readOrNull(r.getString("feedback"))));
            }
            return tasks;
        });
    }

    /** The task's state, if it is the expert's; null otherwise. */
    public Uni<TaskState> stateOf(UUID taskId, UUID expertId) {
        return pool.preparedQuery("select state from task where id = $1 and expert_id = $2").execute(Tuple.of(taskId, expertId))
                .map(rows -> rows.size() == 0 ? null : TaskState.valueOf(rows.iterator().next().getString("state")));
    }

    /** Keeps the draft if the expert may still change the task; false otherwise. */
    public Uni<Boolean> saveDraft(UUID taskId, UUID expertId, String draftJson) {
        return pool.preparedQuery("update task set draft = $3::text::jsonb, updated_at = now() where id = $1 and expert_id = $2 and "
                        + OPEN_TO_EXPERT)
                .execute(Tuple.of(taskId, expertId, draftJson)).map(rows -> rows.rowCount() == 1);
    }

    /** Releases the expert's live lease; the slot it held, or null when the task is not theirs or not leased. */
    public Uni<Long> release(SqlClient tx, UUID taskId, UUID expertId) {
        return tx.preparedQuery("update task set state = " + is(TaskState.RELEASED) + ", updated_at = now() "
                        + "where id = $1 and expert_id = $2 and state = " + is(TaskState.LEASED) + " and lease_expires_at > now() "
                        + "returning slot_id")
                .execute(Tuple.of(taskId, expertId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("slot_id"));
    }

    /** Marks a task whose lease ran out as expired, if it is still leased. */
    public Uni<Void> expire(SqlClient tx, UUID taskId) {
        return tx.preparedQuery("update task set state = " + is(TaskState.EXPIRED) + ", updated_at = now() where id = $1 and state = "
                + is(TaskState.LEASED)).execute(Tuple.of(taskId)).replaceWithVoid();
    }

    /** The task follows its judgment (submitted, sent back, decided); the draft is dropped on submission. */
    public Uni<Void> moveTo(SqlClient tx, UUID taskId, TaskState state, String feedbackJson) {
        String draft = state == TaskState.SUBMITTED ? ", draft = null" : "";
        String feedback = feedbackJson == null ? "" : ", feedback = $3::text::jsonb";
        return tx.preparedQuery("update task set state = $2" + draft + feedback + ", updated_at = now() where id = $1")
                .execute(feedbackJson == null ? Tuple.of(taskId, state.name()) : Tuple.of(taskId, state.name(), feedbackJson))
                .replaceWithVoid();
    }

    /** A revision counts like a new lease: the task shows when the revision's session stops counting. */
    public Uni<Void> extendLease(SqlClient tx, UUID taskId, OffsetDateTime until) {
        return tx.preparedQuery("update task set lease_expires_at = $2 where id = $1").execute(Tuple.of(taskId, until))
                .replaceWithVoid();
    }
}
