package dev.arbiter.payout.support;

import static io.restassured.RestAssured.given;

import dev.arbiter.payout.ledger.model.AccountRef;
import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.payout.ledger.model.Posting;
import dev.arbiter.payout.ledger.model.PostingKind;
import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.platform.terms.PayArithmetic;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Session pay lines with their money, for tests of what comes after accrual (statements, over-cap decisions,
 * batches). The accrual consumers are another piece of work not on this branch yet, so a line is seeded the way
 * they book it: the lab funded through the real endpoint, the job's reservation, a session_pay row and the ledger
 * transactions through the real posting primitive ({@link Ledger#post}) — reservation → EXPERT_PENDING, and on
 * to EXPERT_PAYABLE or EXPERT_HELD. Experts and organizations arrive over Kafka as in production.
 */
public final class SeededPay {

    /** A published job with its reservation. */
    public record Job(UUID id, UUID organizationId, long hourlyRateMinor, String title) {
    }

    private final PayoutTestData data;
    private final Ledger ledger;

    public SeededPay(PayoutTestData data, Ledger ledger) {
        this.data = data;
        this.ledger = ledger;
    }

    /** Announces an expert and waits until their ledger is open. */
    public UUID expert() {
        UUID expert = UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(PayoutTestData.ACCOUNTS, PayoutTestData.expertRegistered(expert));
        }
        PayoutTestData.await(() -> given().auth().oauth2(TestJwt.expert(expert)).get("/api/payouts/me").statusCode() == 200);
        return expert;
    }

    /** A funded organization with a job reserving {@code budgetMinor} of its {@code fundedMinor}. */
    public Job job(UUID organization, long fundedMinor, long budgetMinor, long hourlyRateMinor, String title) throws Throwable {
        data.fund(organization, fundedMinor);
        UUID job = UUID.randomUUID();
        run(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into job_budget (job_id, organization_id, title, "
                                + "budget_minor, reserved_minor, hourly_rate_minor, expected_minutes_per_item, currency) "
                                + "values (?1, ?2, ?3, ?4, ?4, ?5, 10, 'USD')")
                        .setParameter(1, job).setParameter(2, organization).setParameter(3, title).setParameter(4, budgetMinor)
                        .setParameter(5, hourlyRateMinor).executeUpdate())
                .chain(() -> ledger.post(Posting.transfer(PostingKind.RESERVATION, Posting.Cause.job(job), "reserve " + title,
                        AccountRef.lab(organization), AccountRef.reservation(job), budgetMinor))));
        return new Job(job, organization, hourlyRateMinor, title);
    }

    /**
     * A session line accrued from the job's reservation and moved to {@code stage} (PENDING, PAYABLE or HELD);
     * {@code activeSeconds} beyond {@code paidSeconds} is over-cap time waiting for approval. Its session id.
     */
    public UUID line(UUID expert, Job job, LocalDate day, long activeSeconds, long paidSeconds, int multiplierBp, String stage)
            throws Throwable {
        UUID session = UUID.randomUUID();
        long amount = PayArithmetic.sessionAmountMinor(paidSeconds, job.hourlyRateMinor(), multiplierBp);
        long overCap = PayArithmetic.sessionAmountMinor(activeSeconds, job.hourlyRateMinor(), multiplierBp) - amount;
        LedgerKind first = "HELD".equals(stage) ? LedgerKind.EXPERT_HELD : LedgerKind.EXPERT_PENDING;
        run(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into session_pay (session_id, expert_id, job_id, "
                                + "organization_id, task_id, kind, day, active_seconds, paid_seconds, over_cap_seconds, hourly_rate_minor, "
                                + "tier_multiplier_bp, currency, amount_minor, over_cap_amount_minor, over_cap_state, from_reservation_minor, "
                                + "from_clearing_minor, stage, hold_reason) values (?1, ?2, ?3, ?4, ?5, 'CLAIM', ?6, ?7, ?8, ?9, ?10, ?11, "
                                + "'USD', ?12, ?13, ?14, ?12, 0, ?15, " + ("HELD".equals(stage) ? "'session-flagged'" : "null") + ")")
                        .setParameter(1, session).setParameter(2, expert).setParameter(3, job.id()).setParameter(4, job.organizationId())
                        .setParameter(5, UUID.randomUUID()).setParameter(6, day).setParameter(7, activeSeconds)
                        .setParameter(8, paidSeconds).setParameter(9, activeSeconds - paidSeconds)
                        .setParameter(10, job.hourlyRateMinor()).setParameter(11, multiplierBp).setParameter(12, amount)
                        .setParameter(13, overCap).setParameter(14, overCap > 0 ? "AWAITING_APPROVAL" : "NONE")
                        .setParameter(15, stage).executeUpdate())
                .chain(() -> ledger.post(Posting.transfer(PostingKind.ACCRUAL, Posting.Cause.session(session, job.id()), "accrue",
                        AccountRef.reservation(job.id()), AccountRef.expert(first, expert), amount)))
                .chain(() -> "PAYABLE".equals(stage)
                        ? ledger.post(Posting.transfer(PostingKind.STAGE_CHANGE, Posting.Cause.session(session, job.id()), "accepted",
                                AccountRef.expert(LedgerKind.EXPERT_PENDING, expert), AccountRef.expert(LedgerKind.EXPERT_PAYABLE, expert),
                                amount))
                        : Uni.createFrom().item(session)));
        return session;
    }

    private static void run(java.util.function.Supplier<Uni<?>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> work.get().replaceWithVoid()));
    }
}
