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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who gets which item slot. {@code claim_slot} (V16) locks the slot with {@code FOR UPDATE SKIP LOCKED}, and the partial
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
     *
     * <p>Two round trips on one connection: {@code BEGIN} with {@code claim_slot} (V16: eligible jobs, the expert's
     * advisory lock, their live leases, one slot locked with {@code FOR UPDATE SKIP LOCKED} and leased, the item), then
     * the task, its session, the session's event and {@code COMMIT}, pipelined. The connection sends commands in the
     * order they were issued, so {@code COMMIT} follows the inserts; if one of them fails, PostgreSQL rolls the whole
     * transaction back at that {@code COMMIT}.
     */
    public Uni<TaskView> claim(Actor actor, UUID jobId) {
        RateLimiter.Decision rate = claimRate.take(actor.id().toString());
        if (!rate.allowed()) {
            return Uni.createFrom().failure(claimRate.tooMany("task claims by one expert", rate.retryAfterSeconds()));
        }
        // One expert's claims take turns (claim_slot's advisory lock), so two of them cannot both count the same
        // leases; the unique indexes still guard slot and item, and a refusal by them is retried.
        return Uni.createFrom().deferred(() -> pool.withConnection(connection -> claimOn(connection, actor.id(), jobId)))
                .onFailure(ClaimService::isUniqueViolation).retry().atMost(3)
                .chain(outcome -> outcome.task() != null ? Uni.createFrom().item(outcome.task()) : nothingFor(jobId, outcome.claim()));
    }

    /** A claim's result: the task, or what {@code claim_slot} saw when it found none (null: eligible for no job). */
    private record Outcome(TaskView task, SlotRepository.Claim claim) {
    }

    private Uni<Outcome> claimOn(SqlConnection connection, UUID expertId, UUID jobId) {
        UUID taskId = UUID.randomUUID();
        return Uni.combine().all().unis(connection.query("begin").execute(),
                        slots.claim(connection, expertId, jobId, taskId, config.leaseFactor()))
                .with((begun, claim) -> claim)
                .chain(claim -> claim == null || claim.slot() == null
                        ? end(connection, "rollback").replaceWith(new Outcome(null, claim))
                        : open(connection, taskId, expertId, claim.slot()).map(task -> new Outcome(task, claim)))
                .onFailure().call(() -> end(connection, "rollback").onFailure().recoverWithNull());
    }

    private static Uni<Void> end(SqlConnection connection, String command) {
        return connection.query(command).execute().replaceWithVoid();
    }

    /**
     * No slot: 409 when the cap is why (jobs left at their cap), else nothing (204), or, for a named job the expert is
     * not eligible for, why not. Runs after the claim's connection went back to the pool.
     */
    private Uni<TaskView> nothingFor(UUID jobId, SlotRepository.Claim claim) {
        if (claim == null) {
            return jobId == null ? Uni.createFrom().nullItem() : whyNotClaimable(jobId);
        }
        List<LeaseCap.AtCap> atCap = LeaseCap.split(claim.leaseCaps(), claim.liveLeases()).atCap();
        return atCap.isEmpty() ? Uni.createFrom().nullItem() : Uni.createFrom().failure(leaseCapReached(atCap.get(0)));
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

    /**
     * The task, its claim session and the session's event, then {@code COMMIT}, in one round trip (a slot taken from
     * a lease that ran out first expires that lease's task, which takes a few more).
     */
    private Uni<TaskView> open(SqlConnection tx, UUID taskId, UUID expertId, LeasedSlot slot) {
        Uni<Void> expirePrevious = slot.previousTask() == null ? Uni.createFrom().voidItem()
                : LeaseExpiry.expire(tx, slot.previousTask(), tasks, sessions);
        return expirePrevious.chain(() -> brief(tx, slot.jobId())).chain(job -> {
            UUID sessionId = UUID.randomUUID();
            int tier = slot.tier();
            Map<String, String> texts = items.texts(slot.responses());
            List<String> order = ResponseShuffle.orderFor(taskId, new ArrayList<>(texts.keySet()));
            Uni<Void> task = tasks.insertLeased(tx, taskId, slot.id(), slot.jobId(), slot.itemId(), expertId, tier, order,
                    slot.leaseExpiresAt());
            Uni<Void> session = sessions.open(tx, SessionKind.CLAIM, sessionId, taskId, expertId, SessionPay.of(job, tier),
                    slot.leaseExpiresAt(), slot.claimedAt());
            int bp = sessions.multiplierOf(tier);
            Money effective = new Money(PayArithmetic.effectiveHourlyRateMinor(job.hourlyRate().amountMinor(), bp),
                    job.currency());
            return Uni.combine().all().unis(task, session, end(tx, "commit")).discardItems()
                    .map(x -> new TaskView(taskId, sessionId, TaskState.LEASED, slot.leaseExpiresAt().toInstant(),
                            JobBrief.of(job), ItemView.labelled(slot.prompt(), order, texts), null, null, null,
                            effective, SessionPay.multiplier(bp)));
        });
    }

    /** The job as a task shows it; nothing a brief holds changes after creation, so it is kept once read. */
    private Uni<Job> brief(SqlConnection tx, UUID jobId) {
        Job known = briefs.get(jobId);
        return known != null ? Uni.createFrom().item(known) : jobs.find(tx, jobId).invoke(job -> briefs.put(jobId, job));
    }
}
