package dev.arbiter.payout.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.payout.ledger.messaging.AccountEventsConsumer;
import dev.arbiter.payout.support.PayoutTestData;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.accounts.v1.LabMemberRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poll's registrations are opened by one set-based run (the inbox's run effects), with exactly the outcome of applying
 * each event in turn: duplicates and redeliveries change nothing, an expert announced twice keeps the first details, an
 * event of another kind between them keeps its place, and a bad event in a run is parked alone while the rest open.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class RegistrationRunTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountEventsConsumer consumer;

    PayoutTestData data;

    @BeforeEach
    void open() {
        data = new PayoutTestData(dataSource);
    }

    @Test
    void shouldOpenARunOfRegistrationsAsEachEventInTurnWouldAndNothingTwiceWhenRedelivered() throws Throwable {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        EventEnvelope firstA = registered(a, "first@example.org");
        EventEnvelope registeredB = registered(b, "b@example.org");
        List<EventEnvelope> batch = List.of(firstA, registeredB, registered(a, "second@example.org"), registeredB,
                labMember(organization), registered(c, "c@example.org"));

        consume(batch);

        assertEquals(3, data.count("select count(*) from expert_payee where expert_id in (?, ?, ?)", a, b, c));
        assertEquals(1, data.count("select count(*) from expert_payee where expert_id = ? and email = 'first@example.org'", a),
                "the first announcement's details, as one event at a time would leave them");
        assertEquals(15, data.count("select count(*) from ledger_account where expert_id in (?, ?, ?)", a, b, c),
                "five pay-stage accounts each");
        assertEquals(1, data.count("select count(*) from organization where id = ?", organization),
                "the lab member between the registrations was applied in its place");
        assertEquals(5, countInbox(batch), "five distinct events, each recorded once");

        consume(batch);
        assertEquals(15, data.count("select count(*) from ledger_account where expert_id in (?, ?, ?)", a, b, c));
        assertEquals(5, countInbox(batch));
    }

    @Test
    void shouldParkABadRegistrationAloneAndOpenTheRestOfItsRun() throws Throwable {
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        EventEnvelope bad = KafkaTestClient.envelope("marketplace-api", "bad-" + UUID.randomUUID())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId("not-a-uuid")
                        .setEmail("x@example.org").setDisplayName("X"))
                .build();

        consume(List.of(registered(d, "d@example.org"), bad, registered(e, "e@example.org")));

        assertEquals(10, data.count("select count(*) from ledger_account where expert_id in (?, ?)", d, e));
        assertEquals(1, data.count("select count(*) from inbox_parked where event_id = ?::uuid and error like '%expert_id%'",
                bad.getEventId()));
        assertEquals(0, data.count("select count(*) from inbox_event where event_id = ?::uuid", bad.getEventId()));
    }

    private void consume(List<EventEnvelope> events) throws Throwable {
        List<byte[]> records = events.stream().map(EventEnvelope::toByteArray).toList();
        VertxContextSupport.subscribeAndAwait(() -> consumer.onEvent(records));
    }

    private long countInbox(List<EventEnvelope> events) throws Exception {
        return data.count("select count(*) from inbox_event where consumer = 'payout-service' and event_id = any(?::uuid[])",
                "{" + String.join(",", events.stream().map(EventEnvelope::getEventId).distinct().toList()) + "}");
    }

    private static EventEnvelope registered(UUID expert, String email) {
        return KafkaTestClient.envelope("marketplace-api", expert.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                        .setEmail(email).setDisplayName("Expert " + expert))
                .build();
    }

    private static EventEnvelope labMember(UUID organization) {
        return KafkaTestClient.envelope("marketplace-api", UUID.randomUUID().toString())
                .setLabMemberRegistered(LabMemberRegistered.newBuilder().setAccountId(UUID.randomUUID().toString())
                        .setOrganizationId(organization.toString()).setOrganizationName("Lab " + organization)
                        .setEmail("lab@example.org").setDisplayName("Lab member"))
                .build();
    }
}
