package dev.arbiter.task.funding;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.payouts.v1.LabFunded;
import dev.arbiter.proto.payouts.v1.BudgetExhausted;
import dev.arbiter.proto.payouts.v1.PayStage;
import dev.arbiter.proto.payouts.v1.SessionPayChanged;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What payout-service's ledger tells task-service, produced onto payouts.events.v1: a job whose budget is exhausted
 * stops handing out tasks while a live one still submits, and the lab's {@code spent} is the newest figure of the
 * job's spend whatever order it arrives in.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class PayoutEventsTest {

    static final String PAYOUTS = "payouts.events.v1";

    @Inject
    AgroalDataSource db;

    final UUID org = UUID.randomUUID();
    final String lab = TestJwt.lab(UUID.randomUUID(), org);

    @Test
    void shouldPauseAnExhaustedJobSoItHandsOutNoTaskWhileALiveTaskStillSubmits() {
        String domain = uniqueDomain();
        UUID working = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        qualify(db, working, domain, 1);
        qualify(db, late, domain, 1);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 3, 2);
        String task = given().auth().oauth2(TestJwt.expert(working)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");

        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            EventEnvelope exhausted = exhausted(job);
            kafka.publish(PAYOUTS, exhausted);
            kafka.publish(PAYOUTS, exhausted); // redelivered: the same
            await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(status(job)));
        }
        given().auth().oauth2(lab).get("/api/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("PAUSED")).body("pauseReason", equalTo("BUDGET_EXHAUSTED"));

        // no new claims: not by naming the job, not from the open list, which no longer shows it
        String lateToken = TestJwt.expert(late);
        given().auth().oauth2(lateToken).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(409).body("type", endsWith("/job-not-open"));
        given().auth().oauth2(lateToken).contentType(ContentType.JSON).body(Map.of()).post("/api/tasks/claim")
                .then().statusCode(204);
        given().auth().oauth2(lateToken).get("/api/jobs").then().statusCode(200).body("id", not(hasItem(job.toString())));

        // the live lease finishes and submits normally, and its session closes as usual
        given().auth().oauth2(TestJwt.expert(working)).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201);
        assertEquals(List.of(List.of("CLOSED", "SUBMITTED")),
                query(db, "select state, close_reason from work_session where task_id = ?::uuid", task));

        // the lab cannot publish it again: the budget is what ran out, not the lab's choice
        given().auth().oauth2(lab).post("/api/jobs/" + job + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/budget-exhausted"));
        given().auth().oauth2(lab).post("/api/jobs/" + job + "/pause").then().statusCode(409);
        assertEquals("PAUSED", status(job));
    }

    @Test
    void shouldShowTheLabTheLedgersNewestSpendWhateverTheOrderItArrivesIn() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        given().auth().oauth2(lab).get("/api/jobs/" + job + "/progress").then().statusCode(200)
                .body("spent.amountMinor", equalTo(0)).body("spent.currency", equalTo("USD"));

        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(PAYOUTS, pay(job, 3, 1_250));
            await().atMost(Duration.ofSeconds(30)).until(() -> spent(job) == 1_250);
            // an older figure read after the newer one (another expert's key, another partition) changes nothing
            EventEnvelope older = pay(job, 2, 900);
            kafka.publish(PAYOUTS, older);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(db,
                    "select count(*) from inbox_event where consumer = 'task-service' and event_id = ?::uuid", older.getEventId()) == 1);
            assertEquals(1_250, spent(job));
            kafka.publish(PAYOUTS, pay(job, 4, 2_000));
            await().atMost(Duration.ofSeconds(30)).until(() -> spent(job) == 2_000);
            // a forfeit lowers the job's spend: the newest version holds, even when it is smaller
            kafka.publish(PAYOUTS, pay(job, 5, 1_100));
            await().atMost(Duration.ofSeconds(30)).until(() -> spent(job) == 1_100);
        }
        // only the owning lab (and admins) read it
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get("/api/jobs/" + job + "/progress")
                .then().statusCode(404);
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID())).get("/api/jobs/" + job + "/progress").then().statusCode(200)
                .body("spent.amountMinor", equalTo(1_100));
    }

    @Test
    void shouldIgnoreLedgerEventsThatPayoutServiceDidNotSend() {
        UUID job = publishedJob(lab, uniqueDomain(), "PAIRWISE", 1, 1, 2);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            EventEnvelope forged = KafkaTestClient.envelope("task-service", job.toString())
                    .setBudgetExhausted(exhausted(job).getBudgetExhausted()).build();
            kafka.publish(PAYOUTS, forged);
            EventEnvelope forgedPay = KafkaTestClient.envelope("marketplace-api", job.toString())
                    .setSessionPayChanged(pay(job, 9, 77).getSessionPayChanged()).build();
            kafka.publish(PAYOUTS, forgedPay);
            // a genuine event behind them on the same key (so the same partition): once it is applied, the two
            // impostors before it were read, and refused outright (never applied, not even recorded)
            EventEnvelope genuine = KafkaTestClient.envelope("payout-service", job.toString())
                    .setLabFunded(LabFunded.newBuilder().setOrganizationId(UUID.randomUUID().toString())
                            .setFundingId(UUID.randomUUID().toString()).setAmountMinor(1).setCurrency("USD")).build();
            kafka.publish(PAYOUTS, genuine);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "select count(*) from inbox_event where "
                    + "consumer = 'task-service' and event_id = ?::uuid", genuine.getEventId()) == 1);
            assertEquals(0, count(db, "select count(*) from inbox_event where consumer = 'task-service' "
                    + "and event_id in (?::uuid, ?::uuid)", forged.getEventId(), forgedPay.getEventId()));
        }
        assertEquals("PUBLISHED", status(job));
        assertEquals(0, spent(job));
    }

    String status(UUID job) {
        return (String) query(db, "select status from job where id = ?", job).get(0).get(0);
    }

    long spent(UUID job) {
        return given().auth().oauth2(lab).get("/api/jobs/" + job + "/progress").then().statusCode(200)
                .extract().jsonPath().getLong("spent.amountMinor");
    }

    EventEnvelope exhausted(UUID job) {
        return KafkaTestClient.envelope("payout-service", job.toString()).setBudgetExhausted(BudgetExhausted.newBuilder()
                .setJobId(job.toString()).setOrganizationId(org.toString()).setRemainingMinor(1_000).setWorstCaseMinor(2_250)
                .setCurrency("USD").setExhaustedAt(now())).build();
    }

    EventEnvelope pay(UUID job, long version, long spent) {
        UUID expert = UUID.randomUUID();
        return KafkaTestClient.envelope("payout-service", expert.toString()).setSessionPayChanged(SessionPayChanged.newBuilder()
                .setSessionId(UUID.randomUUID().toString()).setExpertId(expert.toString()).setJobId(job.toString())
                .setOrganizationId(org.toString()).setStage(PayStage.PAY_STAGE_PENDING).setAmountMinor(spent)
                .setCurrency("USD").setJobSpentMinor(spent).setJobSpendVersion(version).setChangedAt(now())).build();
    }

    static Timestamp now() {
        return Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
    }
}
