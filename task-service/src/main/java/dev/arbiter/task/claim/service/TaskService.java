package dev.arbiter.task.claim.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.claim.model.TaskViews.ItemView;
import dev.arbiter.task.claim.model.TaskViews.JobBrief;
import dev.arbiter.task.claim.model.TaskViews.MyTask;
import dev.arbiter.task.claim.model.TaskViews.TaskView;
import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.job.repository.ItemRepository;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.judgment.model.JudgmentLabels;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.repository.JudgmentRepository;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** An expert's own tasks: reload with the draft, save a draft, release. Another expert's task is absent (404). */
@ApplicationScoped
public class TaskService {

    private final Pool pool;
    private final TaskRepository tasks;
    private final SlotRepository slots;
    private final ItemRepository items;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final JudgmentRepository judgments;
    private final JsonColumns json;

    public TaskService(Pool pool, TaskRepository tasks, SlotRepository slots, ItemRepository items, JobRepository jobs,
                       JudgmentRepository judgments, WorkSessions sessions, JsonColumns json) {
        this.pool = pool;
        this.tasks = tasks;
        this.slots = slots;
        this.items = items;
        this.jobs = jobs;
        this.judgments = judgments;
        this.sessions = sessions;
        this.json = json;
    }

    public Uni<TaskView> view(Actor actor, UUID taskId) {
        return tasks.ofExpert(taskId, actor.id()).chain(task -> {
            if (task == null) {
                throw ApiProblem.notFound("Task", taskId);
            }
            ItemView item = ItemView.labelled(task.prompt(), task.responseOrder(), items.texts(task.responsesJson()));
            Uni<LabelledJudgment> previous = task.state() != TaskState.REVISION ? Uni.createFrom().nullItem()
                    : judgments.ofTask(pool, taskId).map(j -> j == null ? null : JudgmentLabels.toLabels(j, task.responseOrder()));
            return previous.chain(before -> jobs.find(task.jobId()).map(job -> {
                JsonNode draft = json.readOrNull(task.draftJson());
                if (draft == null && before != null) {
                    draft = json.mapper().valueToTree(before);
                }
                return new TaskView(taskId, task.sessionId(), task.state(), task.leaseExpiresAt().toInstant(), JobBrief.of(job),
                        item, draft, json.readOrNull(task.feedbackJson()), before, null, null);
            }));
        });
    }

    public Uni<List<MyTask>> mine(Actor actor) {
        return tasks.mine(actor.id());
    }

    /** Keeps whatever the workbench has so far; a draft is not validated beyond being a JSON object. */
    public Uni<Void> saveDraft(Actor actor, UUID taskId, JsonNode draft) {
        if (draft == null || !draft.isObject()) {
            return Uni.createFrom().failure(ApiProblem.validation("body", "a draft must be a JSON object"));
        }
        return tasks.saveDraft(taskId, actor.id(), draft.toString())
                .chain(saved -> saved ? Uni.createFrom().voidItem() : whyNotOpen(actor, taskId));
    }

    /** Gives the slot back at once and closes the session. */
    public Uni<Void> release(Actor actor, UUID taskId) {
        return pool.withTransaction(tx -> tasks.release(tx, taskId, actor.id()).chain(slotId -> slotId == null
                ? whyNotOpen(actor, taskId)
                : slots.reopen(tx, slotId, taskId).chain(() -> sessions.close(tx, taskId, CloseReason.RELEASED))));
    }

    /** 404 for a task that is not the caller's, 409 for one that is no longer open to them. */
    private Uni<Void> whyNotOpen(Actor actor, UUID taskId) {
        return tasks.stateOf(taskId, actor.id()).map(state -> {
            if (state == null) {
                throw ApiProblem.notFound("Task", taskId);
            }
            throw notOpen(state, "can no longer be changed");
        });
    }

    /** The task is past its lease or decided: it takes no more work. */
    public static ApiProblem notOpen(TaskState state, String consequence) {
        return ApiProblem.conflict("task-not-open", "The task is " + (state == TaskState.LEASED ? "past its lease" : state)
                + " and " + consequence).with("state", state.name());
    }
}
