package dev.arbiter.payout.payline;

import dev.arbiter.payout.events.PayoutEvents;
import dev.arbiter.proto.payouts.v1.PayStage;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Tells others that session lines moved (batched, paid, back to payable, over-cap accrued): one
 * {@code SessionPayChanged} per line through the outbox, in the caller's transaction, carrying what the job has
 * cost so far and the next of the job's spend versions (so that a reader keeps the newest figure whatever order it
 * reads in). Spent = every line's amount except forfeited ones, so it is read where the amounts are.
 */
@ApplicationScoped
public class PayLineNotices {

    /** Bumps the job's spend version and reads its spend, in one statement. */
    private static final String NEXT_VERSION_AND_SPENT = "with v as (insert into job_spend (job_id, version) values (?1, 1) "
            + "on conflict (job_id) do update set version = job_spend.version + 1 returning version) "
            + "select v.version, (select coalesce(sum(amount_minor), 0) from session_pay "
            + "where job_id = ?1 and stage <> 'FORFEITED') from v";

    private final PayoutEvents events;

    public PayLineNotices(PayoutEvents events) {
        this.events = events;
    }

    public Uni<Void> moved(List<PayLineRef> lines, PayStage stage, String currency, Instant at) {
        return Multi.createFrom().iterable(lines)
                .onItem().transformToUniAndConcatenate(line -> moved(line, stage, currency, at))
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> moved(PayLineRef line, PayStage stage, String currency, Instant at) {
        return moved(line, stage, "", currency, at);
    }

    /** One line moved; {@code holdReason} says why a HELD line is held ("" otherwise). */
    public Uni<Void> moved(PayLineRef line, PayStage stage, String holdReason, String currency, Instant at) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(NEXT_VERSION_AND_SPENT)
                        .setParameter(1, line.jobId()).getSingleResult())
                .chain(row -> events.sessionPayChanged(SessionPayChanged.newBuilder()
                        .setSessionId(line.sessionId().toString()).setExpertId(line.expertId().toString())
                        .setJobId(line.jobId().toString()).setOrganizationId(line.organizationId().toString())
                        .setStage(stage).setAmountMinor(line.amountMinor()).setCurrency(currency).setHoldReason(holdReason)
                        .setJobSpentMinor(((Number) row[1]).longValue()).setJobSpendVersion(((Number) row[0]).longValue())
                        .setChangedAt(PayoutEvents.timestamp(at)).build()));
    }
}
