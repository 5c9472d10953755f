package dev.arbiter.task.job.service;

import dev.arbiter.task.access.Actor;
import dev.arbiter.task.job.model.JobProgress;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.task.judgment.repository.JudgmentRepository;
import dev.arbiter.task.quality.JobAgreement;
import dev.arbiter.task.job.repository.JobRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A job's progress for its lab. {@code spent} is what payout-service's ledger says the job has cost so far (every
 * session's accrual at its rate and tier multiplier, less forfeits): the newest {@code job_spent_minor} of its
 * {@code SessionPayChanged} events, 0 before any pay. The ledger is the one place pay is computed.
 */
@ApplicationScoped
public class ProgressService {

    private final JobService jobs;
    private final JudgmentRepository judgments;
    private final JobRepository jobRows;
    private final JobAgreement agreement;
    private final Pool pool;

    public ProgressService(JobService jobs, JudgmentRepository judgments, JobRepository jobRows,
                           JobAgreement agreement, Pool pool) {
        this.jobs = jobs;
        this.judgments = judgments;
        this.jobRows = jobRows;
        this.agreement = agreement;
        this.pool = pool;
    }

    public Uni<JobProgress> of(Actor actor, UUID jobId) {
        return jobs.owned(actor, jobId).chain(job -> judgments.countsOfJob(pool, jobId)
                .chain(counts -> jobRows.spentOf(pool, jobId)
                        .chain(spent -> agreement.of(jobId).map(alpha -> {
                            return new JobProgress(job.items(), (long) job.items() * job.judgmentsPerItem(), counts.submitted(),
                                    counts.accepted(), alpha, new Money(spent, job.currency()), job.budget());
                        }))));
    }
}
