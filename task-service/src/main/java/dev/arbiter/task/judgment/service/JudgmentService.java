package dev.arbiter.task.judgment.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.proto.tasks.v1.JudgmentSubmitted;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.claim.service.TaskService;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.repository.ItemRepository;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.repository.JudgmentRepository;
import dev.arbiter.task.judgment.repository.JudgmentRepository.Submission;
import dev.arbiter.task.judgment.service.JudgmentValidator.Context;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Submitting a judgment: only the task's holder, only while the lease runs (or the task came back
 * for revision); the whole judgment is checked, stored in original response ids, the task and its
 * session close, and {@code JudgmentSubmitted} leaves through the outbox in the same transaction.
 */
@ApplicationScoped
public class JudgmentService {

    private final Pool pool;
    private final JudgmentRepository judgments;
    private final TaskRepository tasks;
    private final SlotRepository slots;
    private final ItemRepository items;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final TaskOutbox outbox;
    private final TaskConfig config;

    public JudgmentService(Pool pool, JudgmentRepository judgments, TaskRepository tasks, SlotRepository slots,
                           ItemRepository items, JobRepository jobs, WorkSessions sessions, TaskOutbox outbox, TaskConfig config) {
        this.pool = pool;
        this.judgments = judgments;
        this.tasks = tasks;
        this.slots = slots;
        this.items = items;
        this.jobs = jobs;
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<UUID> submit(Actor actor, UUID taskId, LabelledJudgment body) {
        return pool.withTransaction(tx -> judgments.lockSubmission(tx, taskId, actor.id()).chain(task -> {
            if (task == null) {
                throw ApiProblem.notFound("Task", taskId);
            }
            if (!task.open()) {
                throw TaskService.notOpen(task.taskState(), "takes no judgment");
            }
            return jobs.find(tx, task.jobId()).chain(job -> {
                Judgment judgment = validated(body, job, task);
                boolean revision = task.taskState() == TaskState.REVISION;
                UUID judgmentId = revision ? task.judgmentId() : UUID.randomUUID();
                Boolean goldCorrect = task.goldRanking() == null ? null
                        : task.goldRanking().get(0).equals(judgment.ranking().get(0));
                Uni<Void> store = revision ? judgments.replace(tx, judgmentId, judgment, goldCorrect)
                        : judgments.insert(tx, judgmentId, task, actor.id(), judgment, goldCorrect)
                        .chain(() -> slots.markDone(tx, task.slotId(), taskId));
                return store
                        .chain(() -> tasks.moveTo(tx, taskId, TaskState.SUBMITTED, null))
                        .chain(() -> sessions.close(tx, taskId, CloseReason.SUBMITTED))
                        .chain(() -> emitSubmitted(tx, judgmentId, task, actor.id()))
                        .replaceWith(judgmentId);
            });
        }));
    }

    /** The judgment in original ids, or a validation problem naming every bad field. */
    private Judgment validated(LabelledJudgment body, Job job, Submission task) {
        Context context = new Context(job.comparison(), job.dimensions(), job.minRationaleLength(),
                config.maxRationaleChars(), task.responseOrder(), items.texts(task.responsesJson()));
        List<Violation> violations = JudgmentValidator.check(body, context);
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        return JudgmentValidator.translate(body, context);
    }

    private Uni<Void> emitSubmitted(SqlConnection tx, UUID judgmentId, Submission task, UUID expertId) {
        return outbox.append(tx, outbox.envelope(expertId).setJudgmentSubmitted(JudgmentSubmitted.newBuilder()
                .setJudgmentId(judgmentId.toString()).setTaskId(task.taskId().toString())
                .setJobId(task.jobId().toString()).setItemId(task.itemId().toString())
                .setExpertId(expertId.toString()).setOrganizationId(task.organizationId().toString())
                .setSessionId(task.sessionId() == null ? "" : task.sessionId().toString())
                .setSubmittedAt(Sql.timestamp(Instant.now()))).build());
    }
}
