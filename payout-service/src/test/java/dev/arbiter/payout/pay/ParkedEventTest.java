package dev.arbiter.payout.pay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JobPublished;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event whose effect keeps failing is parked: other aggregates' events before and after it are applied, the
 * poison waits in inbox_parked with its cause, and its aggregate's later events wait behind it, in order. A replay
 * applies, in order, what can now apply, and leaves an aggregate stuck behind an event that still fails.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class ParkedEventTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Inbox inbox;

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

    @Test
    void shouldHaveTheDatabaseEndATransactionLeftIdleInTheMiddle() throws Throwable {
        // the backstop behind RetryScheduler: a stuck unit of work cannot hold its row locks for ever
        String timeout = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("show idle_in_transaction_session_timeout", String.class).getSingleResult())));
        assertEquals("1min", timeout);
    }

    @Test
    void shouldParkAPoisonEventAndWhatFollowsItInItsAggregateAndApplyTheOthers() throws Exception {
        UUID organization = data.knownOrganization();
        data.fund(organization, 100_000);
        UUID before = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String aggregate = "aggregate-" + UUID.randomUUID();
        EventEnvelope poison = published(organization, "not-a-job-id", aggregate);
        EventEnvelope waiting = published(organization, behind.toString(), aggregate);
        kafka.publish(PayoutTestData.TASKS, published(organization, before.toString(), before.toString()));
        kafka.publish(PayoutTestData.TASKS, poison);
        kafka.publish(PayoutTestData.TASKS, waiting);
        kafka.publish(PayoutTestData.TASKS, published(organization, after.toString(), after.toString()));

        PayoutTestData.await(() -> data.count("select count(*) from job_budget where job_id in (?, ?)", before, after) == 2);
        PayoutTestData.await(() -> data.count("select count(*) from inbox_parked where event_id in (?::uuid, ?::uuid)",
                poison.getEventId(), waiting.getEventId()) == 2);
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and consumer = 'payout-service' "
                + "and event_type = 'JOB_PUBLISHED' and aggregate_id = ? and error like '%job_id: ''not-a-job-id'' is not a UUID%'", poison.getEventId(),
                aggregate));
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and error like 'waits behind%' "
                + "and seq > (select seq from inbox_parked where event_id = ?::uuid)", waiting.getEventId(), poison.getEventId()));
        assertEquals(0, data.count("select count(*) from job_budget where job_id = ?", behind), "it waits, in order");
        assertEquals(0, data.count("select count(*) from inbox_event where event_id in (?::uuid, ?::uuid)", poison.getEventId(),
                waiting.getEventId()), "a parked event is not marked applied");
    }

    @Test
    void shouldReplayInOrderAndKeepAnAggregatesLaterEventsBehindOneThatStillFails() throws Throwable {
        UUID organization = data.knownOrganization();
        data.fund(organization, 100_000);
        // the consumer has seen a JobPublished, so it knows the effect that replays one
        UUID seen = UUID.randomUUID();
        kafka.publish(PayoutTestData.TASKS, published(organization, seen.toString(), seen.toString()));
        PayoutTestData.await(() -> data.count("select count(*) from job_budget where job_id = ?", seen) == 1);

        String fixedAggregate = "fixed-" + UUID.randomUUID();
        String stuckAggregate = "stuck-" + UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID stuckBehind = UUID.randomUUID();
        EventEnvelope fixed = published(organization, late.toString(), fixedAggregate);
        EventEnvelope fixedNext = published(organization, later.toString(), fixedAggregate);
        EventEnvelope stillBad = published(organization, "still-not-a-job-id", stuckAggregate);
        EventEnvelope waiting = published(organization, stuckBehind.toString(), stuckAggregate);
        park(fixed, "was failing");
        park(stillBad, "was failing");
        park(fixedNext, "waits behind");
        park(waiting, "waits behind");

        int applied = VertxContextSupport.subscribeAndAwait(() -> inbox.replayParked());
        assertTrue(applied >= 2, "the fixed event and the one behind it applied: " + applied);
        assertEquals(2, data.count("select count(*) from job_budget where job_id in (?, ?)", late, later));
        assertEquals(0, data.count("select count(*) from inbox_parked where aggregate_id = ?", fixedAggregate));
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and attempts = 2 "
                + "and error like '%still%'", stillBad.getEventId()));
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and attempts = 1",
                waiting.getEventId()), "behind an event that still fails, it is not even tried");
        assertEquals(0, data.count("select count(*) from job_budget where job_id = ?", stuckBehind));

        // replayed again, the applied events are not applied twice (they are gone, and the inbox has their ids)
        VertxContextSupport.subscribeAndAwait(() -> inbox.replayParked());
        assertEquals(1, data.count("select count(*) from inbox_event where event_id = ?::uuid", fixed.getEventId()));
        assertEquals(1, data.count("select count(*) from ledger_transaction t join ledger_entry e on e.transaction_id = t.id "
                + "join ledger_account a on a.id = e.account_id where a.kind = 'JOB_RESERVATION' and a.job_id = ?", late));
    }

    @Test
    void shouldShowAdminsTheParkedEventsAndReplayThemOnCommand() throws Exception {
        UUID organization = data.knownOrganization();
        data.fund(organization, 100_000);
        UUID fixedJob = UUID.randomUUID();
        EventEnvelope fixed = published(organization, fixedJob.toString(), "command-" + UUID.randomUUID());
        park(fixed, "was failing before a fix");
        String admin = TestJwt.admin(UUID.randomUUID());
        String path = "/api/admin/events/payout-service/parked";

        given().auth().oauth2(admin).get(path).then().statusCode(200)
                .body("events.find { it.eventId == '" + fixed.getEventId() + "' }.error", equalTo("was failing before a fix"))
                .body("events.find { it.eventId == '" + fixed.getEventId() + "' }.eventType", equalTo("JOB_PUBLISHED"));
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).post(path + "/replay").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/admin/events/task-service/parked").then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(admin).post(path + "/replay").then().statusCode(200)
                .body("applied", greaterThanOrEqualTo(1));
        assertEquals(0, data.count("select count(*) from inbox_parked where event_id = ?::uuid", fixed.getEventId()));
        assertEquals(1, data.count("select count(*) from job_budget where job_id = ?", fixedJob));
    }

    @Test
    void shouldParkAnEventWithAnAmountOutOfRangeAtOnceNamingTheField() throws Exception {
        UUID organization = data.knownOrganization();
        UUID job = UUID.randomUUID();
        EventEnvelope negative = KafkaTestClient.envelope("task-service", job.toString()).setJobPublished(JobPublished
                .newBuilder(published(organization, job.toString(), job.toString()).getJobPublished())
                .setBudgetMinor(-1_000)).build();
        kafka.publish(PayoutTestData.TASKS, negative);

        PayoutTestData.await(() -> data.count("select count(*) from inbox_parked where event_id = ?::uuid "
                + "and error like '%budget_minor: -1000 is outside%'", negative.getEventId()) == 1);
        assertEquals(0, data.count("select count(*) from job_budget where job_id = ?", job));
    }

    private static EventEnvelope published(UUID organization, String jobId, String key) {
        return KafkaTestClient.envelope("task-service", key).setJobPublished(JobPublished.newBuilder().setJobId(jobId)
                .setOrganizationId(organization.toString()).setTitle("Parked").setBudgetMinor(1_000).setHourlyRateMinor(3_600)
                .setCurrency("USD").setExpectedMinutesPerItem(10).setPublishedAt(PayFlowTest.now())).build();
    }

    private void park(EventEnvelope envelope, String error) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into inbox_parked "
                + "(consumer, event_id, event_type, producer, aggregate_id, envelope, error) "
                + "values ('payout-service', ?::uuid, ?, ?, ?, ?, ?)")) {
            q.setString(1, envelope.getEventId());
            q.setString(2, envelope.getPayloadCase().name());
            q.setString(3, envelope.getProducer());
            q.setString(4, envelope.getAggregateId());
            q.setBytes(5, envelope.toByteArray());
            q.setString(6, error);
            q.executeUpdate();
        }
    }
}
