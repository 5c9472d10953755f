package dev.arbiter.task.funding.service;

import dev.arbiter.platform.terms.PlatformTerms;
import dev.arbiter.proto.payouts.v1.BudgetExhausted;
import dev.arbiter.proto.payouts.v1.LabFunded;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.funding.repository.FundingRepository;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.PauseReason;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What payout-service's ledger tells task-service, each applied in the inbox's transaction: an organization's
 * deposits (what publishing may reserve), a job's spend (the lab's {@code spent}), and a job whose budget cannot pay
 * for another session (paused: no new claims, live tasks finish).
 */
@ApplicationScoped
public class PayoutEffects {

    private static final Logger LOG = Logger.getLogger(PayoutEffects.class);

    private final FundingRepository funding;
    private final PlatformTerms terms;

    public PayoutEffects(FundingRepository funding, PlatformTerms terms) {
        this.funding = funding;
        this.terms = terms;
    }

    /** A deposit in another currency than the platform's cannot be reserved against its jobs: logged, not counted. */
    public Uni<Void> funded(LabFunded event) {
        if (!terms.currency().equals(event.getCurrency()) || event.getAmountMinor() <= 0) {
            LOG.errorf("Ignored LabFunded %s of organization %s: %d %s is not a positive amount in %s",
                    event.getFundingId(), event.getOrganizationId(), event.getAmountMinor(), event.getCurrency(), terms.currency());
            return Uni.createFrom().voidItem();
        }
        return funding.addDeposit(UUID.fromString(event.getOrganizationId()), event.getAmountMinor());
    }

    /** Keeps the newest figure: an older version read after a newer one changes nothing. */
    public Uni<Void> payChanged(SessionPayChanged event) {
        if (event.getJobId().isEmpty() || event.getJobSpentMinor() < 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update job set spent_minor = ?2, spend_version = ?3 where id = ?1 and spend_version < ?3")
                .setParameter(1, UUID.fromString(event.getJobId())).setParameter(2, event.getJobSpentMinor())
                .setParameter(3, event.getJobSpendVersion()).executeUpdate()).replaceWithVoid();
    }

    /**
     * Marks the budget exhausted and pauses a published (or lab-paused) job for it; a completed job keeps its status,
     * and stays paused for its budget if a rejection reopens it.
     */
    public Uni<Void> exhausted(BudgetExhausted event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update job set budget_exhausted_at = coalesce(budget_exhausted_at, now()), "
                                + "pause_reason = case when status in " + Sql.in(JobStatus.PUBLISHED, JobStatus.PAUSED) + " then "
                                + Sql.is(PauseReason.BUDGET_EXHAUSTED) + " else pause_reason end, "
                                + "status = case when status = " + Sql.is(JobStatus.PUBLISHED) + " then "
                                + Sql.is(JobStatus.PAUSED) + " else status end where id = ?1")
                .setParameter(1, UUID.fromString(event.getJobId())).executeUpdate()).replaceWithVoid();
    }
}
