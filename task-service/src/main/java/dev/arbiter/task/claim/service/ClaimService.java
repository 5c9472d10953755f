package dev.arbiter.task.claim.service;

import dev.arbiter.platform.limit.RateLimiter;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.claim.LeaseCap;
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
    private final RateLimiter claimRate;

    public ClaimService(Pool pool, SlotRepository slots, TaskRepository tasks, ItemRepository items, JobRepository jobs,
                        WorkSessions sessions, TaskConfig config) {
        this.claimRate = new RateLimiter("claims", config.claimRate().burst(), config.claimRate().perMinute());
        this.pool = pool;
        this.slots = slots;
        this.tasks = tasks;
        this.items = items;
        this.jobs = jobs;
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * One item slot for the expert, or null when no eligible job has one left for them. Refused with 429 past the
     * expert's claim rate, and with 409 {@code lease-cap-reached} when the only jobs left are those the expert holds
     * their cap of live leases in (see {@link LeaseCap}).
     */
    public Uni<TaskView> claim(Actor actor, UUID jobId) {
        RateLimiter.Decision rate = claimRate.take(actor.id().toString());
        if (!rate.allowed()) {
            return Uni.createFrom().failure(claimRate.tooMany("task claims by one expert", rate.retryAfterSeconds()));
        }
        return slots.eligibleJobs(pool, actor.id(), jobId).chain(eligible -> {
            if (eligible.tiers().isEmpty()) {
                return jobId == null ? Uni.createFrom().nullItem() : whyNotClaimable(jobId);
            }
            long start = eligible.hasOpenSlots()
                    ? ThreadLocalRandom.current().nextLong(eligible.lowestOpenSlot(), eligible.highestOpenSlot() + 1) : 0;
            // One expert's claims take turns (lockClaimsOf), so two of them cannot both count the same leases; the
            // unique index still guards the item, and a refusal by it is retried.
            return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> takeWithinCap(tx, actor.id(), eligible, start)))
                    .onFailure(ClaimService::isUniqueViolation).retry().atMost(3);
        });
    }

    /**
     * With the expert's claims serialised, their live leases counted and the jobs at their cap left out: a slot of
     * another job, or 409 when the cap is why nothing was found.
     */
    private Uni<TaskView> takeWithinCap(SqlConnection tx, UUID expertId, EligibleJobs eligible, long start) {
        UUID[] eligibleJobs = eligible.tiers().keySet().toArray(UUID[]::new);
        return slots.lockClaimsOf(tx, expertId)
                .chain(() -> slots.liveLeases(tx, expertId, eligibleJobs))
                .chain(held -> {
                    LeaseCap.Split split = LeaseCap.split(eligible.leaseCaps(), held);
                    Uni<TaskView> taken = split.claimable().isEmpty() ? Uni.createFrom().nullItem()
                            : take(tx, expertId, eligible, split.claimable().toArray(UUID[]::new), start);
                    return taken.map(task -> {
                        if (task == null && !split.atCap().isEmpty()) {
                            throw leaseCapReached(split.atCap().get(0));
                        }
                        return task;
                    });
                });
    }

    private static ApiProblem leaseCapReached(LeaseCap.AtCap at) {
        return ApiProblem.conflict("lease-cap-reached", "You hold " + at.held() + " live task" + (at.held() == 1 ? "" : "s")
                        + " of job " + at.jobId() + ", its limit per expert is " + at.cap()
                        + "; submitting or releasing one of them (or its lease running out) frees a place")
                .with("jobId", at.jobId()).with("maxLeasesPerExpert", at.cap()).with("held", at.held());
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
    private Uni<TaskView> take(SqlConnection tx, UUID expertId, EligibleJobs eligible, UUID[] jobIds, long start) {
        UUID taskId = UUID.randomUUID();
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
