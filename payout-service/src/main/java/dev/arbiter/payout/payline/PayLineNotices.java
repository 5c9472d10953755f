package dev.arbiter.payout.payline;

import dev.arbiter.payout.events.PayoutEvents;
import dev.arbiter.proto.payouts.v1.PayStage;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** Takes {@code ?2} versions at once; the last of them, and the job's spend. */
    private static final String TAKE_VERSIONS_AND_SPENT = "with v as (insert into job_spend (job_id, version) values (?1, ?2) "
            + "on conflict (job_id) do update set version = job_spend.version + ?2 returning version) "
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

    /**
     * Many lines moved to a stage that does not change what their jobs cost (into a batch): one statement per job
     * takes as many spend versions as the job has lines and reads its spend once, and the events go to the outbox a
     * few hundred per statement. The same events as {@link #moved(PayLineRef, PayStage, String, Instant)}, fewer
     * round trips.
     */
    public Uni<Void> movedTogether(List<PayLineRef> lines, PayStage stage, String currency, Instant at) {
        Map<UUID, List<PayLineRef>> byJob = new LinkedHashMap<>();
        lines.forEach(line -> byJob.computeIfAbsent(line.jobId(), job -> new ArrayList<>()).add(line));
        List<SessionPayChanged> changes = new ArrayList<>(lines.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, List<PayLineRef>> job : byJob.entrySet()) {
            List<PayLineRef> ofJob = job.getValue();
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(TAKE_VERSIONS_AND_SPENT)
                            .setParameter(1, job.getKey()).setParameter(2, (long) ofJob.size()).getSingleResult()))
                    .invoke(row -> {
                        long last = ((Number) row[0]).longValue();
                        long spent = ((Number) row[1]).longValue();
                        for (int i = 0; i < ofJob.size(); i++) {
                            changes.add(event(ofJob.get(i), stage, "", currency, at, spent, last - ofJob.size() + 1 + i));
                        }
                    })
                    .replaceWithVoid();
        }
        return chain.chain(() -> events.sessionPayChanged(changes));
    }

    public Uni<Void> moved(PayLineRef line, PayStage stage, String currency, Instant at) {
        return moved(line, stage, "", currency, at);
    }

    /** One line moved; {@code holdReason} says why a HELD line is held ("" otherwise). */
    public Uni<Void> moved(PayLineRef line, PayStage stage, String holdReason, String currency, Instant at) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(NEXT_VERSION_AND_SPENT)
                        .setParameter(1, line.jobId()).getSingleResult())
                .chain(row -> events.sessionPayChanged(event(line, stage, holdReason, currency, at,
                        ((Number) row[1]).longValue(), ((Number) row[0]).longValue())));
    }

    private static SessionPayChanged event(PayLineRef line, PayStage stage, String holdReason, String currency, Instant at,
                                           long jobSpentMinor, long jobSpendVersion) {
        return SessionPayChanged.newBuilder()
                .setSessionId(line.sessionId().toString()).setExpertId(line.expertId().toString())
                .setJobId(line.jobId().toString()).setOrganizationId(line.organizationId().toString())
                .setStage(stage).setAmountMinor(line.amountMinor()).setCurrency(currency).setHoldReason(holdReason)
                .setJobSpentMinor(jobSpentMinor).setJobSpendVersion(jobSpendVersion)
                .setChangedAt(PayoutEvents.timestamp(at)).build();
    }
}
