package dev.arbiter.task.job.service;

import dev.arbiter.task.access.Actor;
import dev.arbiter.task.job.model.JobProgress;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.task.judgment.repository.JudgmentRepository;
import dev.arbiter.task.quality.JobAgreement;
import dev.arbiter.task.session.repository.WorkSessionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A job's progress for its lab. {@code spent} is the active time of the job's closed work sessions
 * (the same figure each {@code WorkSessionClosed} carries) at the job's hourly rate: what the job has
 * cost so far before tier multipliers.
 */
@ApplicationScoped
public class ProgressService {

    private final JobService jobs;
    private final JudgmentRepository judgments;
    private final WorkSessionRepository sessions;
    private final JobAgreement agreement;
    private final Pool pool;

    public ProgressService(JobService jobs, JudgmentRepository judgments, WorkSessionRepository sessions,
                           JobAgreement agreement, Pool pool) {
        this.jobs = jobs;
        this.judgments = judgments;
        this.sessions = sessions;
        this.agreement = agreement;
        this.pool = pool;
    }

    public Uni<JobProgress> of(Actor actor, UUID jobId) {
        return jobs.owned(actor, jobId).chain(job -> judgments.countsOfJob(pool, jobId)
                .chain(counts -> sessions.activeSecondsOfJob(pool, jobId)
                        .chain(seconds -> agreement.of(jobId).map(alpha -> {
                            long spent = Math.round(seconds / 3600.0 * job.hourlyRate().amountMinor());
                            return new JobProgress(job.items(), (long) job.items() * job.judgmentsPerItem(), counts.submitted(),
                                    counts.accepted(), alpha, new Money(spent, job.currency()), job.budget());
                        }))));
    }
}
