package dev.arbiter.payout.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JobPublished;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
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
 * An event whose effect keeps failing is parked alone: the events before and after it on the partition are
 * applied, the poison waits in inbox_parked with its cause, and a parked event that can now apply is replayed
 * once and leaves the table.
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
    void shouldParkAPoisonEventAloneAndApplyItsNeighbours() throws Exception {
        UUID organization = data.knownOrganization();
        data.fund(organization, 100_000);
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // one key, so one partition: the poison sits between the two others
        EventEnvelope poison = published(organization, "not-a-job-id", "same-key");
        kafka.publish(PayoutTestData.TASKS, published(organization, before.toString(), "same-key"));
        kafka.publish(PayoutTestData.TASKS, poison);
        kafka.publish(PayoutTestData.TASKS, published(organization, after.toString(), "same-key"));

        PayoutTestData.await(() -> data.count("select count(*) from job_budget where job_id in (?, ?)", before, after) == 2);
        PayoutTestData.await(() -> data.count("select count(*) from inbox_parked where event_id = ?::uuid",
                poison.getEventId()) == 1);
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and consumer = 'payout-service' "
                + "and event_type = 'JOB_PUBLISHED' and error like '%not-a-job-id%'", poison.getEventId()));
        assertEquals(0, data.count("select count(*) from inbox_event where event_id = ?::uuid", poison.getEventId()),
                "a parked event is not marked applied");
    }

    @Test
    void shouldReplayAParkedEventThatCanNowApplyOnceAndKeepOneThatCannot() throws Throwable {
        UUID organization = data.knownOrganization();
        data.fund(organization, 100_000);
        // the consumer has seen a JobPublished, so it knows the effect that replays one
        UUID seen = UUID.randomUUID();
        kafka.publish(PayoutTestData.TASKS, published(organization, seen.toString(), seen.toString()));
        PayoutTestData.await(() -> data.count("select count(*) from job_budget where job_id = ?", seen) == 1);

        UUID late = UUID.randomUUID();
        EventEnvelope fixed = published(organization, late.toString(), late.toString());
        EventEnvelope stillBad = published(organization, "still-not-a-job-id", "k");
        park(fixed, "was failing");
        park(stillBad, "was failing");

        int applied = VertxContextSupport.subscribeAndAwait(() -> inbox.replayParked());
        assertTrue(applied >= 1, "the fixed event applied");
        assertEquals(1, data.count("select count(*) from job_budget where job_id = ?", late));
        assertEquals(0, data.count("select count(*) from inbox_parked where event_id = ?::uuid", fixed.getEventId()));
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and attempts = 2 "
                + "and error like '%still%'", stillBad.getEventId()));

        // replayed again, the applied event is not applied twice (it is gone, and the inbox has its id)
        VertxContextSupport.subscribeAndAwait(() -> inbox.replayParked());
        assertEquals(1, data.count("select count(*) from inbox_event where event_id = ?::uuid", fixed.getEventId()));
        assertEquals(1, data.count("select count(*) from ledger_transaction t join ledger_entry e on e.transaction_id = t.id "
                + "join ledger_account a on a.id = e.account_id where a.kind = 'JOB_RESERVATION' and a.job_id = ?", late));
    }

    private static EventEnvelope published(UUID organization, String jobId, String key) {
        return KafkaTestClient.envelope("task-service", key).setJobPublished(JobPublished.newBuilder().setJobId(jobId)
                .setOrganizationId(organization.toString()).setTitle("Parked").setBudgetMinor(1_000).setHourlyRateMinor(3_600)
                .setCurrency("USD").setExpectedMinutesPerItem(10).setPublishedAt(PayFlowTest.now())).build();
    }

    private void park(EventEnvelope envelope, String error) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into inbox_parked "
                + "(consumer, event_id, event_type, producer, envelope, error) values ('payout-service', ?::uuid, ?, ?, ?, ?)")) {
            q.setString(1, envelope.getEventId());
            q.setString(2, envelope.getPayloadCase().name());
            q.setString(3, envelope.getProducer());
            q.setBytes(4, envelope.toByteArray());
            q.setString(5, error);
            q.executeUpdate();
        }
    }
}
