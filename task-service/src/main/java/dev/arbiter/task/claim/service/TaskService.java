package dev.arbiter.task.claim.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.claim.rest.TaskApi.MyTask;
import dev.arbiter.task.claim.rest.TaskApi.TaskView;
import dev.arbiter.task.job.service.Actor;
import dev.arbiter.task.job.service.JobRepository;
import dev.arbiter.task.session.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An expert's own tasks: reload with the draft, save a draft, release. Another expert's task is absent (404). */
@ApplicationScoped
public class TaskService {

    private final Pool pool;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final ObjectMapper json;

    public TaskService(Pool pool, JobRepository jobs, WorkSessions sessions, ObjectMapper json) {
        this.pool = pool;
        this.jobs = jobs;
        this.sessions = sessions;
        this.json = json;
    }

    public Uni<TaskView> view(Actor actor, UUID taskId) {
        return pool.preparedQuery("select t.job_id, t.state, t.lease_expires_at, t.response_order::text, t.draft::text, "
                        + "t.feedback::text, i.prompt, i.responses::text, "
                        + "(select s.id from work_session s where s.task_id = t.id order by s.opened_at desc limit 1) "
                        + "from task t join item i on i.id = t.item_id where t.id = $1 and t.expert_id = $2")
                .execute(Tuple.of(taskId, actor.id())).chain(rows -> {
                    if (rows.size() == 0) {
                        throw ApiProblem.notFound("Task", taskId);
                    }
                    Row r = rows.iterator().next();
                    List<String> order = new ArrayList<>();
                    read(r.getString(3)).forEach(n -> order.add(n.asText()));
                    Map<String, String> texts = new HashMap<>();
                    read(r.getString(7)).forEach(n -> texts.put(n.get("id").asText(), n.get("text").asText()));
                    return jobs.find(r.getUUID(0)).map(job -> new TaskView(taskId, r.getUUID(8), r.getString(1),
                            r.getOffsetDateTime(2).toInstant(), ClaimService.brief(job),
                            ClaimService.labelled(r.getString(6), order, texts), readOrNull(r.getString(4)),
                            readOrNull(r.getString(5))));
                });
    }

    public Uni<List<MyTask>> mine(Actor actor) {
        return pool.preparedQuery("select t.id, t.job_id, j.title, t.state, t.claimed_at, t.lease_expires_at, d.id, d.state, "
                        + "t.feedback::text from task t join job j on j.id = t.job_id left join judgment d on d.task_id = t.id "
                        + "where t.expert_id = $1 order by t.claimed_at desc limit 500")
                .execute(Tuple.of(actor.id())).map(rows -> {
                    List<MyTask> tasks = new ArrayList<>();
                    for (Row r : rows) {
                        tasks.add(new MyTask(r.getUUID(0), r.getUUID(1), r.getString(2), r.getString(3),
                                instant(r.getOffsetDateTime(4)), instant(r.getOffsetDateTime(5)), r.getUUID(6), r.getString(7),
                                readOrNull(r.getString(8))));
                    }
                    return tasks;
                });
    }

    /** Keeps whatever the workbench has so far; a draft is not validated beyond being a JSON object. */
    public Uni<Void> saveDraft(Actor actor, UUID taskId, JsonNode draft) {
        if (draft == null || !draft.isObject()) {
            return Uni.createFrom().failure(ApiProblem.badRequest("invalid-draft", "A draft must be a JSON object"));
        }
        return pool.preparedQuery("update task set draft = $3::text::jsonb, updated_at = now() where id = $1 and expert_id = $2 "
                        + "and (state = 'REVISION' or (state = 'LEASED' and lease_expires_at > now()))")
                .execute(Tuple.of(taskId, actor.id(), draft.toString()))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem() : whyNotOpen(actor, taskId));
    }

    /** Gives the slot back at once. */
    public Uni<Void> release(Actor actor, UUID taskId) {
        return pool.withTransaction(tx -> tx.preparedQuery("update task set state = 'RELEASED', updated_at = now() "
                                + "where id = $1 and expert_id = $2 and state = 'LEASED' and lease_expires_at > now() returning slot_id")
                        .execute(Tuple.of(taskId, actor.id()))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return whyNotOpen(actor, taskId);
                            }
                            return tx.preparedQuery("update item_slot set state = 'OPEN', task_id = null, lease_expires_at = null "
                                            + "where id = $1 and task_id = $2")
                                    .execute(Tuple.of(rows.iterator().next().getLong(0), taskId))
                                    .chain(() -> sessions.close(tx, taskId, "RELEASED"));
                        }));
    }

    /** 404 for a task that is not the caller's, 409 for one that is no longer open to them. */
    Uni<Void> whyNotOpen(Actor actor, UUID taskId) {
        return pool.preparedQuery("select state from task where id = $1 and expert_id = $2").execute(Tuple.of(taskId, actor.id()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiProblem.notFound("Task", taskId);
                    }
                    String state = rows.iterator().next().getString(0);
                    throw ApiProblem.conflict("task-not-open", "The task is " + ("LEASED".equals(state) ? "past its lease" : state)
                            + " and can no longer be changed").with("state", state);
                });
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readOrNull(String text) {
        return text == null ? null : read(text);
    }
}
