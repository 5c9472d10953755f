package dev.arbiter.task.job.service;

import dev.arbiter.task.job.rest.JobApi.Agreement;
import dev.arbiter.task.job.rest.JobApi.Money;
import dev.arbiter.task.job.rest.JobApi.Progress;
import dev.arbiter.task.quality.JobAgreement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A job's progress for its lab. {@code spent} is the worked time of closed sessions (capped at each
 * lease) at the job's hourly rate: what the job has cost so far before tier multipliers.
 */
@ApplicationScoped
public class ProgressService {

    private static final String COUNTS = """
            select
              (select count(*) from judgment where job_id = $1 and state in ('SUBMITTED', 'REVISION', 'ACCEPTED', 'DISPUTED')),
              (select count(*) from judgment where job_id = $1 and state = 'ACCEPTED'),
              (select coalesce(sum(extract(epoch from least(s.closed_at, t.lease_expires_at) - s.opened_at)), 0)
                 from work_session s join task t on t.id = s.task_id
                 where s.job_id = $1 and s.closed_at is not null and least(s.closed_at, t.lease_expires_at) > s.opened_at)""";

    private final JobService jobs;
    private final Pool pool;
    private final JobAgreement agreement;

    public ProgressService(JobService jobs, Pool pool, JobAgreement agreement) {
        this.jobs = jobs;
        this.pool = pool;
        this.agreement = agreement;
    }

    public Uni<Progress> of(Actor actor, UUID jobId) {
        return jobs.owned(actor, jobId).chain(job -> pool.preparedQuery(COUNTS).execute(Tuple.of(jobId))
                .chain(rows -> agreement.of(jobId).map(alpha -> {
                    Row r = rows.iterator().next();
                    double seconds = r.getNumeric(2).doubleValue();
                    long spent = Math.round(seconds / 3600.0 * job.hourlyRateMinor());
                    return new Progress(job.items(), (long) job.items() * job.judgmentsPerItem(), r.getLong(0), r.getLong(1),
                            alpha, new Money(spent, job.currency()), new Money(job.budgetMinor(), job.currency()));
                })));
    }
}
