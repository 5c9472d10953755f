package dev.arbiter.task.job.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.job.rest.JobApi;
import dev.arbiter.task.job.rest.JobApi.CreateJob;
import dev.arbiter.task.job.rest.JobApi.Dimension;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Jobs: who may create, see and change them, and their lifecycle DRAFT → PUBLISHED ⇄ PAUSED → COMPLETED. */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final TaskConfig config;

    public JobService(JobRepository jobs, TaskConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    public Uni<JobRow> create(Actor actor, CreateJob request) {
        if (actor.organizationId() == null) {
            return Uni.createFrom().failure(ApiProblem.forbidden("Your token names no organization"));
        }
        List<Violation> problems = check(request);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ApiProblem.badRequest("invalid-job", "The job has invalid fields")
                    .with("violations", problems));
        }
        JobRow job = new JobRow(UUID.randomUUID(), actor.organizationId(), request.title(), request.domain(),
                request.instructions(), request.comparison(), request.dimensions(), request.judgmentsPerItem(),
                request.minTier(), request.hourlyRate().amountMinor(), request.hourlyRate().currency(),
                request.expectedMinutesPerItem(), request.budget().amountMinor(),
                request.minRationaleLength() == null ? 20 : request.minRationaleLength(),
                request.spotCheckPercent() == null ? config.spotCheckPercent() : request.spotCheckPercent(),
                "DRAFT", 0, java.time.Instant.now());
        return jobs.insert(job, actor.id()).replaceWith(job);
    }

    /** The job as this actor may see it; another organization's job (or one an expert may not work on) is absent. */
    public Uni<JobRow> visible(Actor actor, UUID id) {
        return jobs.find(id).map(job -> {
            if (job == null || !(actor.ownsOrganization(job.organizationId()) || actor.expert() && job.isPublished())) {
                throw ApiProblem.notFound("Job", id);
            }
            return job;
        }).chain(job -> actor.expert() && !actor.ownsOrganization(job.organizationId())
                ? jobs.openFor(actor.id()).map(open -> {
                    if (open.stream().noneMatch(j -> j.id().equals(id))) {
                        throw ApiProblem.notFound("Job", id);
                    }
                    return job;
                })
                : Uni.createFrom().item(job));
    }

    /** The job if this actor's organization owns it (or the actor is an admin); 404 otherwise. */
    public Uni<JobRow> owned(Actor actor, UUID id) {
        return jobs.find(id).map(job -> {
            if (job == null || !actor.ownsOrganization(job.organizationId())) {
                throw ApiProblem.notFound("Job", id);
            }
            return job;
        });
    }

    public Uni<List<JobRow>> list(Actor actor) {
        if (actor.admin()) {
            return jobs.all();
        }
        if (actor.lab()) {
            return actor.organizationId() == null ? Uni.createFrom().item(List.of()) : jobs.ofOrganization(actor.organizationId());
        }
        return jobs.openFor(actor.id());
    }

    public Uni<JobRow> publish(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> {
            if (job.items() == 0) {
                throw ApiProblem.conflict("job-has-no-items", "Upload items before publishing the job");
            }
            return move(job, List.of("DRAFT", "PAUSED"), "PUBLISHED");
        });
    }

    public Uni<JobRow> pause(Actor actor, UUID id) {
        return owned(actor, id).chain(job -> move(job, List.of("PUBLISHED"), "PAUSED"));
    }

    private Uni<JobRow> move(JobRow job, List<String> from, String to) {
        return jobs.transition(job.id(), from, to).chain(moved -> {
            if (!moved) {
                throw ApiProblem.conflict("job-status", "A " + job.status() + " job cannot become " + to);
            }
            return jobs.find(job.id());
        });
    }

    public record Violation(String field, String message) {
    }

    private List<Violation> check(CreateJob request) {
        List<Violation> problems = new java.util.ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.dimensions().size(); i++) {
            Dimension d = request.dimensions().get(i);
            if (!keys.add(d.key())) {
                problems.add(new Violation("dimensions[" + i + "].key", "repeats the key " + d.key()));
            }
            if (d.scaleMin() >= d.scaleMax()) {
                problems.add(new Violation("dimensions[" + i + "].scaleMax", "must be greater than scaleMin"));
            }
        }
        if (!request.hourlyRate().currency().equals(config.currency())) {
            problems.add(new Violation("hourlyRate.currency", "jobs are offered in " + config.currency()));
        } else if (request.hourlyRate().amountMinor() < config.rateFloorMinor()) {
            problems.add(new Violation("hourlyRate.amountMinor", "is below the platform floor of " + config.rateFloorMinor()));
        }
        if (!request.budget().currency().equals(request.hourlyRate().currency())) {
            problems.add(new Violation("budget.currency", "must be the currency of the hourly rate"));
        }
        return problems;
    }

    public static JobApi.Job toApi(JobRow job) {
        return new JobApi.Job(job.id(), job.organizationId(), job.title(), job.domain(), job.instructions(), job.comparison(),
                job.dimensions(), job.judgmentsPerItem(), job.minTier(), new JobApi.Money(job.hourlyRateMinor(), job.currency()),
                job.expectedMinutesPerItem(), new JobApi.Money(job.budgetMinor(), job.currency()), job.minRationaleLength(),
                job.spotCheckPercent(), job.status(), job.items(), job.createdAt());
    }
}
