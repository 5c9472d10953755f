package dev.arbiter.payout.pay.service;

import dev.arbiter.payout.events.PayoutEvents;
import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.proto.payouts.v1.BudgetExhausted;
import dev.arbiter.proto.payouts.v1.JobBudgetReserved;
import dev.arbiter.proto.tasks.v1.JobPublished;
import dev.arbiter.proto.tasks.v1.WorkSessionOpened;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * A job's budget: reserved from the lab's balance when the job is published, drawn on by accruals, watched
 * against its live sessions' worst case. When the reservation cannot cover the live sessions and one more,
 * {@code BudgetExhausted} goes out once, and task-service pauses the job. Runs in the inbox's transaction.
 */
@ApplicationScoped
public class JobBudgets {

    private static final Logger LOG = Logger.getLogger(JobBudgets.class);

    private final Ledger ledger;
    private final PayoutEvents events;
    private final int highestMultiplierBp;

    public JobBudgets(Ledger ledger, PayoutEvents events, PlatformTerms terms) {
        this.ledger = ledger;
        this.events = events;
        this.highestMultiplierBp = terms.multipliers().highestBasisPoints();
    }

    /**
     * Reserves the job's budget, or what the organization has when it is short (task-service checks first, so only
     * in a race) and then reports the job exhausted at once. A job already reserved is left as is.
     */
    public Uni<Void> reserve(JobPublished job, Instant at) {
        UUID jobId = UUID.fromString(job.getJobId());
        UUID organizationId = UUID.fromString(job.getOrganizationId());
        if (job.getBudgetMinor() < 0 || job.getExpectedMinutesPerItem() <= 0 || job.getHourlyRateMinor() < 0) {
            LOG.errorf("JobPublished for job %s is not a usable budget (budget %d, %d minutes); not reserved", jobId,
                    job.getBudgetMinor(), job.getExpectedMinutesPerItem());
            return Uni.createFrom().voidItem();
        }
        return ledger.balanceForUpdate(AccountRef.lab(organizationId)).chain(balance -> {
            long reserved = Math.min(balance, job.getBudgetMinor());
            return insertBudget(job, jobId, organizationId, reserved).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                    : (reserved > 0 ? ledger.post(Posting.transfer(PostingKind.RESERVATION, Posting.Cause.job(jobId),
                            "Budget of job " + job.getTitle(), AccountRef.lab(organizationId), AccountRef.reservation(jobId),
                            reserved)).replaceWithVoid() : Uni.createFrom().voidItem())
                            .chain(() -> events.jobBudgetReserved(JobBudgetReserved.newBuilder().setJobId(jobId.toString())
                                    .setOrganizationId(organizationId.toString()).setBudgetMinor(reserved)
                                    .setCurrency(ledger.currency()).setReservedAt(PayoutEvents.timestamp(at)).build()))
                            // Short of the budget: the job cannot be run as published, say so at once.
                            .chain(() -> check(jobId, reserved < job.getBudgetMinor())));
        });
    }

    /** A lease opened: its worst case now counts against the job (unless the session was already finalised). */
    public Uni<Void> sessionOpened(WorkSessionOpened opened) {
        UUID sessionId = UUID.fromString(opened.getSessionId());
        UUID jobId = UUID.fromString(opened.getJobId());
        Instant openedAt = Instant.ofEpochSecond(opened.getOpenedAt().getSeconds(), opened.getOpenedAt().getNanos());
        return session().chain(s -> s.createNativeQuery("insert into live_session (session_id, job_id, expert_id, cap_seconds, "
                        + "hourly_rate_minor, opened_at) select ?1, ?2, ?3, ?4, ?5, ?6 "
                        + "where not exists (select 1 from session_pay where session_id = ?1) on conflict do nothing")
                .setParameter(1, sessionId).setParameter(2, jobId).setParameter(3, UUID.fromString(opened.getExpertId()))
                .setParameter(4, Math.max(0, opened.getCapSeconds())).setParameter(5, Math.max(0, opened.getHourlyRateMinor()))
                .setParameter(6, SqlTimes.utc(openedAt)).executeUpdate())
                .chain(() -> check(jobId));
    }

    /** A session was finalised: its lease no longer counts (its pay now does, in the reservation). */
    public Uni<Void> sessionFinished(UUID sessionId) {
        return session().chain(s -> s.createNativeQuery("delete from live_session where session_id = ?1")
                .setParameter(1, sessionId).executeUpdate()).replaceWithVoid();
    }

    /**
     * After any change to the job's reservation or live sessions: marks it exhausted and tells task-service, once,
     * when the remaining reservation is below (live + 1) × the worst case of one session.
     */
    public Uni<Void> check(UUID jobId) {
        return check(jobId, false);
    }

    private Uni<Void> check(UUID jobId, boolean shortOfBudget) {
        return session().chain(s -> s.<Object[]>createNativeQuery("select organization_id, hourly_rate_minor, "
                        + "expected_minutes_per_item, (select count(*) from live_session l where l.job_id = b.job_id) "
                        + "from job_budget b where job_id = ?1 and exhausted_at is null for update")
                .setParameter(1, jobId).getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : checkRow(jobId, rows.get(0), shortOfBudget));
    }

    private Uni<Void> checkRow(UUID jobId, Object[] row, boolean shortOfBudget) {
        UUID organizationId = (UUID) row[0];
        long rate = ((Number) row[1]).longValue();
        int expectedMinutes = ((Number) row[2]).intValue();
        long live = ((Number) row[3]).longValue();
        long worstCase = BudgetCheck.worstCaseMinor(BudgetCheck.capSeconds(expectedMinutes), rate, highestMultiplierBp);
        return ledger.balance(AccountRef.reservation(jobId)).chain(remaining -> {
            if (!shortOfBudget && !BudgetCheck.exhausted(remaining, live, worstCase)) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            return session().chain(s -> s.createNativeQuery("update job_budget set exhausted_at = ?2 "
                            + "where job_id = ?1 and exhausted_at is null").setParameter(1, jobId)
                    .setParameter(2, SqlTimes.utc(now)).executeUpdate())
                    .chain(updated -> updated == 0 ? Uni.createFrom().voidItem()
                            : events.budgetExhausted(BudgetExhausted.newBuilder().setJobId(jobId.toString())
                                    .setOrganizationId(organizationId.toString()).setRemainingMinor(remaining)
                                    .setWorstCaseMinor(BudgetCheck.exposureMinor(live, worstCase))
                                    .setCurrency(ledger.currency()).setExhaustedAt(PayoutEvents.timestamp(now)).build()));
        });
    }

    private Uni<Boolean> insertBudget(JobPublished job, UUID jobId, UUID organizationId, long reserved) {
        return session().chain(s -> s.createNativeQuery("insert into job_budget (job_id, organization_id, title, budget_minor, "
                        + "reserved_minor, hourly_rate_minor, expected_minutes_per_item, currency) values "
                        + "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (job_id) do nothing")
                .setParameter(1, jobId).setParameter(2, organizationId).setParameter(3, job.getTitle())
                .setParameter(4, job.getBudgetMinor()).setParameter(5, reserved).setParameter(6, job.getHourlyRateMinor())
                .setParameter(7, job.getExpectedMinutesPerItem()).setParameter(8, ledger.currency())
                .executeUpdate()).map(n -> n == 1);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

}
