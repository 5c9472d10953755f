package dev.arbiter.task.job.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.domain.DomainCatalog;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobSpec;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.task.job.model.PauseReason;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.funding.repository.FundingRepository;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JobPublished;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Jobs: who may create, see and change them, and the lab's moves of {@link JobStatus}. */
@ApplicationScoped
public class JobService {

    /** A rationale shorter than this says too little to be checked, unless the job sets its own minimum. */
    private static final int DEFAULT_MIN_RATIONALE_LENGTH = 20;

    private final JobRepository jobs;
    private final TaskConfig config;
    private final PlatformTerms terms;
    private final DomainCatalog domains;
    private final FundingRepository funding;
    private final TaskOutbox outbox;
    private final Pool pool;

    public JobService(JobRepository jobs, TaskConfig config, PlatformTerms terms, DomainCatalog domains,
                      FundingRepository funding, TaskOutbox outbox, Pool pool) {
        this.jobs = jobs;
        this.config = config;
        this.terms = terms;
        this.domains = domains;
        this.funding = funding;
        this.outbox = outbox;
        this.pool = pool;
    }

    public Uni<Job> create(Actor actor, JobSpec spec) {
        if (actor.organizationId() == null) {
            return Uni.createFrom().failure(ApiProblem.forbidden("Your token names no organization"));
        }
        return domains.keys().chain(known -> {
            List<Violation> problems = JobSpecRules.check(spec,
                    new JobSpecRules.Terms(terms.currency(), terms.payFloorMinor(), known));
            if (!problems.isEmpty()) {
                throw ApiProblem.validation(problems);
            }
            return insert(actor, spec);
        });
    }

    private Uni<Job> insert(Actor actor, JobSpec spec) {
        Job job = new Job(UUID.randomUUID(), actor.organizationId(), spec.title(), spec.domain(), spec.instructions(),
                spec.comparison(), spec.dimensions(), spec.judgmentsPerItem(), spec.minTier(), spec.hourlyRate(),
                spec.expectedMinutesPerItem(), spec.budget(),
                spec.minRationaleLength() == null ? DEFAULT_MIN_RATIONALE_LENGTH : spec.minRationaleLength(),
                spec.spotCheckPercent() == null ? config.spotCheckPercent() : spec.spotCheckPercent(),
                spec.maxLeasesPerExpert() == null ? config.maxLeasesPerExpert() : spec.maxLeasesPerExpert(),
                JobStatus.DRAFT, null, 0, Instant.now(), null, null);
        return jobs.insert(job, actor.id()).replaceWith(job);
    }

    /** The job as this actor may see it; another organization's job (or one an expert may not work on) is absent. */
    public Uni<Job> visible(Actor actor, UUID id) {
        return jobs.find(id).chain(job -> {
            if (job != null && actor.ownsOrganization(job.organizationId())) {
                return Uni.createFrom().item(job);
            }
            if (job == null || !actor.expert() || !job.isPublished()) {
                throw ApiProblem.notFound("Job", id);
            }
            return openFor(actor).map(open -> open.stream().filter(j -> j.id().equals(id)).findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("Job", id)));
        });
    }

    /** The job if this actor's organization owns it (or the actor is an admin); 404 otherwise. */
    public Uni<Job> owned(Actor actor, UUID id) {
        return jobs.find(id).map(job -> {
            if (job == null || !actor.ownsOrganization(job.organizationId())) {
                throw ApiProblem.notFound("Job", id);
            }
            return job;
        });
    }

    public Uni<List<Job>> list(Actor actor) {
        if (actor.admin()) {
            return jobs.all();
        }
        if (actor.lab()) {
            return actor.organizationId() == null ? Uni.createFrom().item(List.of()) : jobs.ofOrganization(actor.organizationId());
        }
        return openFor(actor);
    }

    /** The job board of an expert: each job with their tier in its domain and the hourly rate it pays them. */
    private Uni<List<Job>> openFor(Actor actor) {
        return jobs.openFor(actor.id()).map(open -> open.stream().map(o -> o.job().forExpert(o.tier(),
                PayArithmetic.effectiveHourlyRateMinor(o.job().hourlyRate().amountMinor(),
                        terms.multipliers().basisPointsOf(o.tier())))).toList());
    }

    /**
     * Publishes the job. The first publish reserves its budget: with the organization's funding row locked (so that
     * two publishes of one organization take turns and cannot both count the same money) the deposits less the
     * budgets reserved before must cover it, else 409 {@code insufficient-funds}; then {@code JobPublished} goes out
     * in the same transaction. Publishing again after the lab's pause reserves nothing and sends nothing; a job paused
     * because its budget is exhausted stays paused.
     */
    public Uni<Job> publish(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> {
            if (job.items() == 0) {
                throw ApiProblem.conflict("job-has-no-items", "Upload items before publishing the job");
            }
            return pool.withTransaction(tx -> funding.lockFunded(tx, job.organizationId())
                    .chain(funded -> jobs.lockForPublish(tx, id).chain(state -> {
                        if (!state.status().labMayMoveTo(JobStatus.PUBLISHED)) {
                            throw statusConflict(state.status(), JobStatus.PUBLISHED);
                        }
                        if (state.budgetExhausted()) {
                            throw ApiProblem.conflict("budget-exhausted", "The job's budget cannot pay for another session, "
                                    + "so it stays paused; live tasks may still be finished").with("pauseReason",
                                    PauseReason.BUDGET_EXHAUSTED.name());
                        }
                        if (state.reservedBefore()) {
                            return jobs.publish(tx, id);
                        }
                        return jobs.reservedOf(tx, job.organizationId(), id).chain(reserved -> {
                            BudgetReservation reservation = new BudgetReservation(funded, reserved, job.budget().amountMinor());
                            if (!reservation.covers()) {
                                throw insufficientFunds(reservation, job.currency());
                            }
                            return jobs.publish(tx, id).call(published -> outbox.append(tx, published(published)));
                        });
                    })));
        });
    }

    private static ApiProblem insufficientFunds(BudgetReservation r, String currency) {
        long available = Math.max(0, r.availableMinor());
        return ApiProblem.conflict("insufficient-funds", "The organization has " + available + " " + currency
                        + " (minor units) available for new jobs, less than this job's budget of " + r.budgetMinor()
                        + "; ask an admin to record a deposit, or lower the budget")
                .with("available", new Money(available, currency)).with("budget", new Money(r.budgetMinor(), currency));
    }

    private EventEnvelope published(Job job) {
        return outbox.envelope(job.id()).setJobPublished(JobPublished.newBuilder().setJobId(job.id().toString())
                .setOrganizationId(job.organizationId().toString()).setTitle(job.title())
                .setBudgetMinor(job.budget().amountMinor()).setHourlyRateMinor(job.hourlyRate().amountMinor())
                .setCurrency(job.currency()).setExpectedMinutesPerItem(job.expectedMinutesPerItem())
                .setPublishedAt(Sql.timestamp(Instant.now()))).build();
    }

    public Uni<Job> pause(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> jobs.pauseByLab(id).map(paused -> {
            if (paused == null) {
                throw statusConflict(job.status(), JobStatus.PAUSED);
            }
            return paused;
        }));
    }

    private static ApiProblem statusConflict(JobStatus status, JobStatus to) {
        return ApiProblem.conflict("job-status", "A " + status + " job cannot become " + to
                + "; only a job that is " + JobStatus.labMovesTo(to) + " can").with("status", status.name());
    }
}
