package dev.arbiter.task.claim.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.claim.model.TaskViews.ItemView;
import dev.arbiter.task.claim.model.TaskViews.JobBrief;
import dev.arbiter.task.claim.model.TaskViews.TaskView;
import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.claim.repository.SlotRepository.EligibleJobs;
import dev.arbiter.task.claim.repository.SlotRepository.LeasedSlot;
import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.task.session.model.SessionPay;
import dev.arbiter.task.job.repository.ItemRepository;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who gets which item slot. The slot is locked with {@code FOR UPDATE SKIP LOCKED}, and the partial
 * unique indexes on {@code task} refuse a second live assignment of a slot or a second assignment of
 * an item to the same expert, whatever happens here.
 */
@ApplicationScoped
public class ClaimService {

    private final ConcurrentMap<UUID, Job> briefs = new ConcurrentHashMap<>();
    private final Pool pool;
    private final SlotRepository slots;
    private final TaskRepository tasks;
    private final ItemRepository items;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final TaskConfig config;

    public ClaimService(Pool pool, SlotRepository slots, TaskRepository tasks, ItemRepository items, JobRepository jobs,
                        WorkSessions sessions, TaskConfig config) {
        this.pool = pool;
        this.slots = slots;
        this.tasks = tasks;
        this.items = items;
        this.jobs = jobs;
        this.sessions = sessions;
        this.config = config;
    }

    /** One item slot for the expert, or null when no eligible job has one left for them. */
    public Uni<TaskView> claim(Actor actor, UUID jobId) {
        return slots.eligibleJobs(pool, actor.id(), jobId).chain(eligible -> {
            if (eligible.tiers().isEmpty()) {
                return jobId == null ? Uni.createFrom().nullItem() : whyNotClaimable(jobId);
            }
            long start = eligible.hasOpenSlots()
                    ? ThreadLocalRandom.current().nextLong(eligible.lowestOpenSlot(), eligible.highestOpenSlot() + 1) : 0;
            // The same expert claiming twice at once may race for two slots of one item: the unique
            // index refuses the second, and trying again sees the first.
            return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> take(tx, actor.id(), eligible, start)))
                    .onFailure(ClaimService::isUniqueViolation).retry().atMost(3);
        });
    }

    private static boolean isUniqueViolation(Throwable t) {
        return t instanceof PgException e && "23505".equals(e.getSqlState());
    }

    /** A claim naming a job it cannot serve says why: absent, not open, or not for this expert. */
    private Uni<TaskView> whyNotClaimable(UUID jobId) {
        return jobs.find(jobId).map(job -> {
            if (job == null || job.status() == JobStatus.DRAFT) {
                throw ApiProblem.notFound("Job", jobId);
            }
            if (!job.isPublished()) {
                throw ApiProblem.conflict("job-not-open", "The job is " + job.status() + " and takes no claims");
            }
            throw ApiProblem.forbidden("The job needs a qualification in " + job.domain() + " at tier " + job.minTier()
                    + " or above");
        });
    }

    /** Open slots from a random start to the end, then from the beginning to the start, then expired leases. */
    private Uni<TaskView> take(SqlConnection tx, UUID expertId, EligibleJobs eligible, long start) {
        UUID taskId = UUID.randomUUID();
        UUID[] jobIds = eligible.tiers().keySet().toArray(UUID[]::new);
        int lease = config.leaseFactor();
        return slots.takeOpen(tx, jobIds, expertId, taskId, lease, start, Long.MAX_VALUE)
                .chain(slot -> slot != null ? Uni.createFrom().item(slot)
                        : slots.takeOpen(tx, jobIds, expertId, taskId, lease, Long.MIN_VALUE, start))
                .chain(slot -> slot != null ? Uni.createFrom().item(slot) : slots.takeExpired(tx, jobIds, expertId, taskId, lease))
                .chain(slot -> {
                    if (slot == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Uni<Void> expirePrevious = slot.previousTask() == null ? Uni.createFrom().voidItem()
                            : LeaseExpiry.expire(tx, slot.previousTask(), tasks, sessions);
                    return expirePrevious.chain(() -> open(tx, taskId, expertId, slot, eligible.tiers().get(slot.jobId())));
                });
    }

    /** The task and its claim session, sent together (the connection pipelines them: one round trip). */
    private Uni<TaskView> open(SqlConnection tx, UUID taskId, UUID expertId, LeasedSlot slot, int tier) {
        UUID sessionId = UUID.randomUUID();
        return brief(tx, slot.jobId()).chain(job -> items.text(tx, slot.itemId()).chain(item -> {
            List<String> order = ResponseShuffle.orderFor(taskId, item.responseIds());
            Uni<Void> task = tasks.insertLeased(tx, taskId, slot.id(), slot.jobId(), slot.itemId(), expertId, tier, order,
                    slot.leaseExpiresAt());
            Uni<Void> session = sessions.open(tx, SessionKind.CLAIM, sessionId, taskId, expertId, SessionPay.of(job, tier),
                    slot.leaseExpiresAt());
            int bp = sessions.multiplierOf(tier);
            Money effective = new Money(PayArithmetic.effectiveHourlyRateMinor(job.hourlyRate().amountMinor(), bp),
                    job.currency());
            return Uni.combine().all().unis(task, session).discardItems()
                    .map(x -> new TaskView(taskId, sessionId, TaskState.LEASED, slot.leaseExpiresAt().toInstant(),
                            JobBrief.of(job), ItemView.labelled(item.prompt(), order, item.texts()), null, null, null,
                            effective, SessionPay.multiplier(bp)));
        }));
    }

    /** The job as a task shows it; nothing a brief holds changes after creation, so it is kept once read. */
    private Uni<Job> brief(SqlConnection tx, UUID jobId) {
        Job known = briefs.get(jobId);
        return known != null ? Uni.createFrom().item(known) : jobs.find(tx, jobId).invoke(job -> briefs.put(jobId, job));
    }
}
