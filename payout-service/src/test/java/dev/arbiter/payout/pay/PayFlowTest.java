package dev.arbiter.payout.pay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.arbiter.payout.pay.service.PayFlows;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JobPublished;
import dev.arbiter.proto.tasks.v1.JudgmentReviewed;
import dev.arbiter.proto.tasks.v1.ReviewDecision;
import dev.arbiter.proto.tasks.v1.SessionCleared;
import dev.arbiter.proto.tasks.v1.SessionFraudConfirmed;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionFlagged;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.proto.tasks.v1.WorkSessionOpened;
import dev.arbiter.proto.tasks.v1.WorkSessionVerified;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money flows from real Kafka events: reservation, accrual exactly once, stages, forfeits, the budget
 * watch and the clearing account. A job pays 3600 minor units an hour (1 a second) with 10 expected minutes.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class PayFlowTest {

    static final long RATE = 3_600;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PayFlows flows;

    KafkaTestClient kafka;
    PayoutTestData data;

    @BeforeEach
    void open() {
        kafka = KafkaTestClient.forTestInfra();
        data = new PayoutTestData(dataSource);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    record Job(UUID id, UUID organization) {
    }

    /** A funded organization and a published job, reserved. */
    Job publishedJob(long funding, long budget) throws Exception {
        UUID organization = data.knownOrganization();
        if (funding > 0) {
            data.fund(organization, funding);
        }
        UUID job = UUID.randomUUID();
        kafka.publish(PayoutTestData.TASKS, KafkaTestClient.envelope("task-service", job.toString())
                .setJobPublished(JobPublished.newBuilder().setJobId(job.toString()).setOrganizationId(organization.toString())
                        .setTitle("Contracts").setBudgetMinor(budget).setHourlyRateMinor(RATE).setCurrency("USD")
                        .setExpectedMinutesPerItem(10).setPublishedAt(now()))
                .build());
        PayoutTestData.await(() -> data.count("select count(*) from job_budget where job_id = ?", job) == 1);
        return new Job(job, organization);
    }

    static Timestamp now() {
        Instant at = Instant.now();
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).build();
    }

    static SessionWork work(Job job, UUID session, UUID expert, UUID judgment, WorkSessionKind kind, long paidSeconds,
                            long overCapSeconds) {
        return SessionWork.newBuilder().setSessionId(session.toString()).setKind(kind).setTaskId(UUID.randomUUID().toString())
                .setJudgmentId(judgment.toString()).setJobId(job.id().toString()).setOrganizationId(job.organization().toString())
                .setExpertId(expert.toString()).setExpertTier(1).setActiveSeconds(paidSeconds + overCapSeconds)
                .setPaidSeconds(paidSeconds).setOverCapSeconds(overCapSeconds).setHourlyRateMinor(RATE).setCurrency("USD")
                .setOpenedAt(now()).setClosedAt(now()).setTierMultiplierBp(10_000).build();
    }

    EventEnvelope verified(SessionWork work) {
        return KafkaTestClient.envelope("task-service", work.getExpertId())
                .setWorkSessionVerified(WorkSessionVerified.newBuilder().setWork(work).setFinalisedAt(now())).build();
    }

    EventEnvelope flagged(SessionWork work) {
        return KafkaTestClient.envelope("task-service", work.getExpertId())
                .setWorkSessionFlagged(WorkSessionFlagged.newBuilder().setWork(work).addFiredSignals("paste")
                        .addFamilies("input").addFamilies("attention").setFinalisedAt(now())).build();
    }

    EventEnvelope reviewed(UUID expert, UUID judgment, ReviewDecision decision) {
        return KafkaTestClient.envelope("task-service", expert.toString())
                .setJudgmentReviewed(JudgmentReviewed.newBuilder().setJudgmentId(judgment.toString())
                        .setExpertId(expert.toString()).setReviewerId(UUID.randomUUID().toString())
                        .setDecision(decision).setReviewedAt(now())).build();
    }

    /** Publishes and waits until payout-service has applied it (its id is in the inbox). */
    void apply(EventEnvelope envelope) {
        kafka.publish(PayoutTestData.TASKS, envelope);
        PayoutTestData.await(() -> data.count("select count(*) from inbox_event where event_id = ?::uuid", envelope.getEventId()) == 1);
    }

    String stage(UUID session) throws Exception {
        try (var c = dataSource.getConnection(); var q = c.prepareStatement("select stage from session_pay where session_id = ?")) {
            q.setObject(1, session);
            try (var rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void shouldReserveTheBudgetAndAccrueASessionExactlyOnceWhateverIsRedelivered() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        assertEquals(50_000, data.balance("JOB_RESERVATION", job.id()));
        assertEquals(50_000, data.balance("LAB_BALANCE", job.organization()));
        UUID expert = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        SessionWork work = work(job, session, expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_CLAIM, 600, 0);
        EventEnvelope event = verified(work);
        apply(event);
        kafka.publish(PayoutTestData.TASKS, event);
        kafka.publish(PayoutTestData.TASKS, event);
        // A Flagged for the same session after its Verified, then a marker on the same key: applied after the duplicates.
        apply(flagged(work));
        apply(reviewed(expert, UUID.randomUUID(), ReviewDecision.REVIEW_DECISION_REVISE));

        assertEquals("PENDING", stage(session));
        assertEquals(600, data.balance("EXPERT_PENDING", expert));
        assertEquals(0, data.balance("EXPERT_HELD", expert));
        assertEquals(49_400, data.balance("JOB_RESERVATION", job.id()));
        assertEquals(1, data.count("select count(*) from ledger_transaction where session_id = ? and kind = 'ACCRUAL'", session));
        assertEquals(1, data.count("select count(*) from outbox_message where event_type = 'JOB_BUDGET_RESERVED' and message_key = ?",
                job.id().toString()));
        assertEquals(1, data.count("select count(*) from outbox_message where event_type = 'SESSION_PAY_CHANGED' and message_key = ?",
                expert.toString()));
    }

    @Test
    void shouldGoStraightToPayableWhenTheDecisionCameFirstOrTheSessionIsAReview() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID judgment = UUID.randomUUID();
        apply(reviewed(expert, judgment, ReviewDecision.REVIEW_DECISION_REJECT));
        UUID session = UUID.randomUUID();
        apply(verified(work(job, session, expert, judgment, WorkSessionKind.WORK_SESSION_KIND_CLAIM, 900, 0)));
        assertEquals("PAYABLE", stage(session));
        UUID review = UUID.randomUUID();
        apply(verified(work(job, review, expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_REVIEW, 300, 0)));
        assertEquals("PAYABLE", stage(review));
        assertEquals(1_200, data.balance("EXPERT_PAYABLE", expert));
        assertEquals(0, data.balance("EXPERT_PENDING", expert));
    }

    /**
     * As task-service sends them: a review session has a judgment but no task, a released claim a task but no judgment.
     * Both accrue; neither may stop the events behind it on the partition (a missing optional field once did).
     */
    @Test
    void shouldAccrueAReviewWithoutATaskAndAReleasedClaimWithoutAJudgment() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID reviewer = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        apply(verified(work(job, review, reviewer, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_REVIEW, 300, 0)
                .toBuilder().clearTaskId().build()));
        UUID expert = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        apply(verified(work(job, released, expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_CLAIM, 120, 0)
                .toBuilder().clearJudgmentId().build()));
        assertEquals(1, data.count("select count(*) from session_pay where session_id = ? and task_id is null "
                + "and judgment_id is not null and hold_reason is null", review));
        assertEquals(1, data.count("select count(*) from session_pay where session_id = ? and judgment_id is null "
                + "and task_id is not null", released));
        assertEquals("PAYABLE", stage(review));
        assertEquals("PENDING", stage(released));
        assertEquals(300, data.balance("EXPERT_PAYABLE", reviewer));
        assertEquals(120, data.balance("EXPERT_PENDING", expert));
    }

    @Test
    void shouldRecordOverCapTimeOnTheLineWithoutAccruingIt() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        apply(verified(work(job, session, expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_CLAIM, 1_200, 301)));
        assertEquals(1_200, data.balance("EXPERT_PENDING", expert));
        assertEquals(1, data.count("select count(*) from session_pay where session_id = ? and over_cap_amount_minor = 301 "
                + "and over_cap_state = 'AWAITING_APPROVAL'", session));
    }

    @Test
    void shouldHoldAFlaggedSessionAndReleaseItWhenCleared() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID judgment = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        apply(flagged(work(job, session, expert, judgment, WorkSessionKind.WORK_SESSION_KIND_CLAIM, 600, 0)));
        assertEquals("HELD", stage(session));
        assertEquals(600, data.balance("EXPERT_HELD", expert));
        assertEquals(1, data.count("select count(*) from session_pay where session_id = ? and hold_reason = 'session-flagged'", session));
        apply(cleared(expert, session, judgment, false));
        assertEquals("PENDING", stage(session));
        assertEquals(0, data.balance("EXPERT_HELD", expert));
        assertEquals(600, data.balance("EXPERT_PENDING", expert));
        apply(reviewed(expert, judgment, ReviewDecision.REVIEW_DECISION_ACCEPT));
        assertEquals("PAYABLE", stage(session));
        assertEquals(600, data.balance("EXPERT_PAYABLE", expert));
    }

    @Test
    void shouldForfeitConfirmedFraudToTheReservationAndReinstateItOnAppeal() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID judgment = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        apply(flagged(work(job, session, expert, judgment, WorkSessionKind.WORK_SESSION_KIND_CLAIM, 600, 0)));
        assertEquals(49_400, data.balance("JOB_RESERVATION", job.id()));
        apply(KafkaTestClient.envelope("task-service", expert.toString()).setSessionFraudConfirmed(SessionFraudConfirmed.newBuilder()
                .setSessionId(session.toString()).setExpertId(expert.toString()).setJobId(job.id().toString())
                .setJudgmentId(judgment.toString()).setAdminId(UUID.randomUUID().toString()).setDecidedAt(now())).build());
        assertEquals("FORFEITED", stage(session));
        assertEquals(0, data.balance("EXPERT_HELD", expert));
        assertEquals(50_000, data.balance("JOB_RESERVATION", job.id()));

        apply(cleared(expert, session, judgment, true));
        assertEquals("PENDING", stage(session));
        assertEquals(600, data.balance("EXPERT_PENDING", expert));
        assertEquals(49_400, data.balance("JOB_RESERVATION", job.id()));
    }

    /** Confirmed fraud voids pay that is payable but in no batch yet: back to the job's reservation. */
    @Test
    void shouldForfeitPayablePayOnConfirmedFraud() throws Exception {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID judgment = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        apply(verified(work(job, session, expert, judgment, WorkSessionKind.WORK_SESSION_KIND_CLAIM, 900, 0)));
        apply(reviewed(expert, judgment, ReviewDecision.REVIEW_DECISION_ACCEPT));
        assertEquals("PAYABLE", stage(session));
        assertEquals(49_100, data.balance("JOB_RESERVATION", job.id()));
        apply(KafkaTestClient.envelope("task-service", expert.toString()).setSessionFraudConfirmed(SessionFraudConfirmed.newBuilder()
                .setSessionId(session.toString()).setExpertId(expert.toString()).setJobId(job.id().toString())
                .setJudgmentId(judgment.toString()).setAdminId(UUID.randomUUID().toString()).setDecidedAt(now())).build());
        assertEquals("FORFEITED", stage(session));
        assertEquals(0, data.balance("EXPERT_PAYABLE", expert));
        assertEquals(50_000, data.balance("JOB_RESERVATION", job.id()));
    }

    @Test
    void shouldPayAShortfallFromClearingAndReportAShortReservationAtOnce() throws Exception {
        Job job = publishedJob(100, 10_000);
        assertEquals(100, data.balance("JOB_RESERVATION", job.id()));
        assertEquals(1, data.count("select count(*) from outbox_message where event_type = 'BUDGET_EXHAUSTED' and message_key = ?",
                job.id().toString()));
        long clearingBefore = data.balance("PLATFORM_CLEARING", null);
        UUID expert = UUID.randomUUID();
        apply(verified(work(job, UUID.randomUUID(), expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_CLAIM, 600, 0)));
        assertEquals(600, data.balance("EXPERT_PENDING", expert));
        assertEquals(0, data.balance("JOB_RESERVATION", job.id()));
        assertEquals(clearingBefore - 500, data.balance("PLATFORM_CLEARING", null));
    }

    @Test
    void shouldReportABudgetExhaustedOnceWhenLiveSessionsWorstCaseExceedsWhatIsLeft() throws Exception {
        // Worst case of one session: 1200 s cap × 3600/h × 1.5 = 1800. A 5400 budget covers two live sessions and one more.
        Job job = publishedJob(100_000, 5_400);
        UUID expert = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            apply(opened(job, expert));
        }
        assertEquals(0, exhaustedEvents(job));
        apply(opened(job, expert));
        assertEquals(1, exhaustedEvents(job));
        apply(opened(job, expert));
        assertEquals(1, exhaustedEvents(job));
    }

    @Test
    void shouldMakePendingPayPayableAfterTheSetDaysWithoutADecision() throws Throwable {
        Job job = publishedJob(100_000, 50_000);
        UUID expert = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        apply(verified(work(job, session, expert, UUID.randomUUID(), WorkSessionKind.WORK_SESSION_KIND_CLAIM, 60, 0)));
        flows.promoteDue(Instant.now().plus(Duration.ofDays(13)));
        assertEquals("PENDING", stage(session));
        flows.promoteDue(Instant.now().plus(Duration.ofDays(15)));
        assertEquals("PAYABLE", stage(session));
        assertEquals(60, data.balance("EXPERT_PAYABLE", expert));
    }

    @Test
    void shouldLetOnlyAdminsFundAndRefuseBadDepositsChangingNothing() throws Exception {
        UUID organization = data.knownOrganization();
        String body = PayoutTestData.fundingBody(1_000, "USD", "ok");
        for (String token : new String[] {TestJwt.expert(UUID.randomUUID()), TestJwt.lab(UUID.randomUUID(), organization)}) {
            given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body).post("/api/admin/labs/" + organization + "/funding").then().statusCode(403);
            given().auth().oauth2(token).get("/api/admin/ledger/verify").then().statusCode(403);
        }
        String admin = TestJwt.admin(UUID.randomUUID());
        for (String bad : new String[] {PayoutTestData.fundingBody(-5, "USD", "negative"),
                PayoutTestData.fundingBody(0, "USD", "zero"),
                PayoutTestData.fundingBody(1_000_000_000_001L, "USD", "absurd"),
                PayoutTestData.fundingBody(1_000, "EUR", "wrong currency"),
                PayoutTestData.fundingBody(1_000, "USD", "x".repeat(201))}) {
            given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(bad).post("/api/admin/labs/" + organization + "/funding").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PayoutTestData.fundingBody(1_000, "EUR", "x")).post("/api/admin/labs/" + organization + "/funding").then()
                .body("violations[0].message", org.hamcrest.Matchers.containsString("USD"));
        given().auth().oauth2(admin).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/api/admin/labs/" + UUID.randomUUID() + "/funding").then().statusCode(404);
        assertEquals(0, data.count("select count(*) from funding where organization_id = ?", organization));
        assertEquals(0, data.balance("LAB_BALANCE", organization));
    }

    long exhaustedEvents(Job job) throws Exception {
        return data.count("select count(*) from outbox_message where event_type = 'BUDGET_EXHAUSTED' and message_key = ?",
                job.id().toString());
    }

    EventEnvelope opened(Job job, UUID expert) {
        return KafkaTestClient.envelope("task-service", expert.toString()).setWorkSessionOpened(WorkSessionOpened.newBuilder()
                .setSessionId(UUID.randomUUID().toString()).setKind(WorkSessionKind.WORK_SESSION_KIND_CLAIM)
                .setTaskId(UUID.randomUUID().toString()).setJobId(job.id().toString()).setOrganizationId(job.organization().toString())
                .setExpertId(expert.toString()).setExpertTier(1).setTierMultiplierBp(10_000).setHourlyRateMinor(RATE)
                .setCurrency("USD").setCapSeconds(1_200).setOpenedAt(now())).build();
    }

    EventEnvelope cleared(UUID expert, UUID session, UUID judgment, boolean onAppeal) {
        return KafkaTestClient.envelope("task-service", expert.toString()).setSessionCleared(SessionCleared.newBuilder()
                .setSessionId(session.toString()).setExpertId(expert.toString()).setJudgmentId(judgment.toString())
                .setAdminId(UUID.randomUUID().toString()).setOnAppeal(onAppeal).setDecidedAt(now())).build();
    }
}
