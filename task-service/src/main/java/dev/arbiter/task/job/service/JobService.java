package dev.arbiter.task.job.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.domain.DomainCatalog;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobSpec;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.repository.JobRepository;
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
    private final DomainCatalog domains;

    public JobService(JobRepository jobs, TaskConfig config, DomainCatalog domains) {
        this.jobs = jobs;
        this.config = config;
        this.domains = domains;
    }

    public Uni<Job> create(Actor actor, JobSpec spec) {
        if (actor.organizationId() == null) {
            return Uni.createFrom().failure(ApiProblem.forbidden("Your token names no organization"));
        }
        return domains.keys().chain(known -> {
            List<Violation> problems = JobSpecRules.check(spec,
                    new JobSpecRules.Terms(config.currency(), config.rateFloorMinor(), known));
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
                JobStatus.DRAFT, 0, Instant.now());
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
            return jobs.openFor(actor.id()).map(open -> {
                if (open.stream().noneMatch(j -> j.id().equals(id))) {
                    throw ApiProblem.notFound("Job", id);
                }
                return job;
            });
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
        return jobs.openFor(actor.id());
    }

    public Uni<Job> publish(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> {
            if (job.items() == 0) {
                throw ApiProblem.conflict("job-has-no-items", "Upload items before publishing the job");
            }
            return move(job, JobStatus.PUBLISHED);
        });
    }

    public Uni<Job> pause(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> move(job, JobStatus.PAUSED));
    }

    private Uni<Job> move(Job job, JobStatus to) {
        return jobs.transition(job.id(), JobStatus.labMovesTo(to), to).map(moved -> {
            if (moved == null) {
                throw ApiProblem.conflict("job-status", "A " + job.status() + " job cannot become " + to
                        + "; only a job that is " + JobStatus.labMovesTo(to) + " can").with("status", job.status().name());
            }
            return moved;
        });
    }
}
