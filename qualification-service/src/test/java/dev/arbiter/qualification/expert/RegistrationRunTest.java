package dev.arbiter.qualification.expert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.qualification.expert.messaging.AccountEventsConsumer;
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
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A poll's registrations are recorded by one statement with what applying each in turn would leave: a new expert named
 * twice keeps the first name, a placeholder (made when the expert qualified first) takes its name, a named expert keeps
 * theirs, and a redelivered poll changes nothing.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification"))
class RegistrationRunTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountEventsConsumer consumer;

    @Test
    void shouldRecordARunOfRegistrationsAsEachEventInTurnWould() throws Throwable {
        UUID placeholder = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID named = UUID.randomUUID();
        insert(placeholder, "");
        insert(named, "Kept");
        List<byte[]> poll = List.of(registered(placeholder, ""), registered(placeholder, "Pat"), registered(fresh, "First"),
                        registered(fresh, "Second"), registered(named, "Other"))
                .stream().map(EventEnvelope::toByteArray).toList();

        VertxContextSupport.subscribeAndAwait(() -> consumer.onEvent(poll));
        VertxContextSupport.subscribeAndAwait(() -> consumer.onEvent(poll));

        assertEquals("Pat", nameOf(placeholder));
        assertEquals("First", nameOf(fresh));
        assertEquals("Kept", nameOf(named));
    }

    private static EventEnvelope registered(UUID expert, String name) {
        return KafkaTestClient.envelope("marketplace-api", expert.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                        .setEmail(expert + "@example.org").setDisplayName(name))
                .build();
    }

    private void insert(UUID id, String name) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "insert into known_expert (id, display_name, registered_at) values (?, ?, now())")) {
            q.setObject(1, id);
            q.setString(2, name);
            q.executeUpdate();
        }
    }

    private String nameOf(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select display_name from known_expert where id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
