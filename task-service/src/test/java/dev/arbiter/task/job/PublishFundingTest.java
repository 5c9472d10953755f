package dev.arbiter.task.job;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.fund;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.payouts.v1.LabFunded;
import dev.arbiter.proto.tasks.v1.JobPublished;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Publishing reserves the job's budget from the organization's deposits (LabFunded on payouts.events.v1): refused
 * with 409 insufficient-funds when they do not cover it, never twice for the same money, and reported once.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class PublishFundingTest {

    static final String PAYOUTS = "payouts.events.v1";
    static final long BUDGET = 10_000_000; // Fixtures.job's budget

    @Inject
    AgroalDataSource db;

    @Test
    void shouldRefuseToPublishWithoutTheMoneyAndPublishOnceADepositCoversIt() {
        UUID org = UUID.randomUUID();
        String lab = TestJwt.lab(UUID.randomUUID(), org);
        UUID jobId = draftWithItems(lab);

        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/insufficient-funds"))
                .body("detail", containsString("0 USD")).body("detail", containsString(Long.toString(BUDGET)))
                .body("available.amountMinor", equalTo(0)).body("available.currency", equalTo("USD"))
                .body("budget.amountMinor", equalTo((int) BUDGET)).body("budget.currency", equalTo("USD"));
        given().auth().oauth2(lab).get("/api/jobs/" + jobId).then().body("status", equalTo("DRAFT"));
        assertEquals(0, publishedEvents(jobId));

        // a deposit one unit short, as payout-service reports it, then the missing unit
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish(PAYOUTS, funded(org, BUDGET - 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> funded(org) == BUDGET - 1);
            given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(409)
                    .body("available.amountMinor", equalTo((int) BUDGET - 1));
            EventEnvelope last = funded(org, 1);
            kafka.publish(PAYOUTS, KafkaTestClient.envelope("someone-else", org.toString())
                    .setLabFunded(LabFunded.newBuilder(last.getLabFunded()).setAmountMinor(BUDGET)).build()); // not the ledger's
            kafka.publish(PAYOUTS, last);
            kafka.publish(PAYOUTS, last); // redelivered: counted once
            // the three records are in one partition (key = organization): once the last is consumed, the
            // impostor before it was refused (never applied, not even recorded) and the funding is exactly the budget
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas(last));
            await().atMost(Duration.ofSeconds(30)).until(() -> funded(org) == BUDGET);
            assertEquals(0, count(db, "select count(*) from inbox_event where consumer = 'task-service' "
                    + "and producer = 'someone-else'"));
            assertEquals(BUDGET, funded(org));
        }

        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("pauseReason", nullValue());
        assertEquals(1, publishedEvents(jobId));
        JobPublished event = publishedEvent(jobId);
        assertEquals(org.toString(), event.getOrganizationId());
        assertEquals(BUDGET, event.getBudgetMinor());
        assertEquals(4500, event.getHourlyRateMinor());
        assertEquals("USD", event.getCurrency());
        assertEquals(10, event.getExpectedMinutesPerItem());
        assertEquals("Compare answers", event.getTitle());

        // a second job of the same organization finds the money reserved by the first
        UUID second = draftWithItems(lab);
        given().auth().oauth2(lab).post("/api/jobs/" + second + "/publish").then().statusCode(409)
                .body("type", endsWith("/insufficient-funds")).body("available.amountMinor", equalTo(0));
        fund(org, BUDGET);
        given().auth().oauth2(lab).post("/api/jobs/" + second + "/publish").then().statusCode(200);
    }

    @Test
    void shouldReserveNothingAgainWhenTheLabPublishesAfterItsOwnPause() {
        UUID org = UUID.randomUUID();
        String lab = TestJwt.lab(UUID.randomUUID(), org);
        UUID jobId = draftWithItems(lab);
        fund(org, BUDGET);
        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(200);
        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/pause").then().statusCode(200)
                .body("status", equalTo("PAUSED")).body("pauseReason", equalTo("LAB"));
        given().auth().oauth2(lab).get("/api/jobs/" + jobId).then().body("pauseReason", equalTo("LAB"));
        // the whole deposit is this job's reservation: publishing again needs nothing more, and says nothing
        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("pauseReason", nullValue());
        assertEquals(1, publishedEvents(jobId));
        // another organization cannot publish it (and its money is not looked at)
        String other = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(other).post("/api/jobs/" + jobId + "/publish").then().statusCode(404);
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentPublishesTakeTheSameMoney() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID org = UUID.randomUUID();
            String lab = TestJwt.lab(UUID.randomUUID(), org);
            List<UUID> jobs = List.of(draftWithItems(lab), draftWithItems(lab), draftWithItems(lab));
            fund(org, BUDGET + BUDGET / 2); // one budget and a half: enough for exactly one of them
            ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (UUID j : jobs) {
                    Callable<Integer> publish = () -> given().auth().oauth2(lab).post("/api/jobs/" + j + "/publish")
                            .then().extract().statusCode();
                    answers.add(pool.submit(publish));
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> a : answers) {
                    codes.add(a.get());
                }
                assertEquals(1, codes.stream().filter(c -> c == 200).count(), "round " + round + ": " + codes);
                assertEquals(2, codes.stream().filter(c -> c == 409).count(), "round " + round + ": " + codes);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, count(db, "select count(*) from job where organization_id = ? and first_published_at is not null", org));
        }
    }

    @Test
    void shouldRefuseAJobInAnotherCurrencyNamingThePlatformsOne() {
        String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
        Map<String, Object> spec = job(uniqueDomain(), "PAIRWISE", 1);
        spec.put("hourlyRate", Map.of("amountMinor", 4500, "currency", "EUR"));
        spec.put("budget", Map.of("amountMinor", 100_000, "currency", "EUR"));
        given().auth().oauth2(lab).contentType(ContentType.JSON).body(spec).post("/api/jobs").then().statusCode(400)
                .body("violations.find { it.field == 'hourlyRate.currency' }.message",
                        equalTo("must be USD, the platform's settlement currency"))
                .body("violations.find { it.field == 'budget.currency' }.message",
                        equalTo("must be USD, the platform's settlement currency"));
    }

    UUID draftWithItems(String lab) {
        UUID jobId = createJob(lab, job(uniqueDomain(), "PAIRWISE", 1));
        upload(lab, jobId, items(2, 2));
        return jobId;
    }

    long funded(UUID org) {
        List<List<Object>> rows = query(db, "select funded_minor from organization_funding where organization_id = ?", org);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    boolean inboxHas(EventEnvelope e) {
        return count(db, "select count(*) from inbox_event where consumer = 'task-service' and event_id = ?::uuid",
                e.getEventId()) == 1;
    }

    long publishedEvents(UUID jobId) {
        return count(db, "select count(*) from outbox_message where event_type = 'JOB_PUBLISHED' and message_key = ?",
                jobId.toString());
    }

    JobPublished publishedEvent(UUID jobId) {
        try {
            byte[] payload = (byte[]) query(db, "select payload from outbox_message where event_type = 'JOB_PUBLISHED' "
                    + "and message_key = ?", jobId.toString()).get(0).get(0);
            return EventEnvelope.parseFrom(payload).getJobPublished();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static EventEnvelope funded(UUID org, long amount) {
        return KafkaTestClient.envelope("payout-service", org.toString()).setLabFunded(LabFunded.newBuilder()
                .setOrganizationId(org.toString()).setFundingId(UUID.randomUUID().toString()).setAmountMinor(amount)
                .setCurrency("USD").setReference("wire " + amount).setAdminId(UUID.randomUUID().toString())
                .setFundedAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))).build();
    }
}
