package dev.arbiter.platform.outbox;

import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Appends an event to the outbox inside the caller's current transaction, so that the event exists
 * if and only if the state change it describes was committed. The relay sends it to Kafka later.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox_message (event_id, topic, message_key, event_type, payload) "
            + "values (?1, ?2, ?3, ?4, ?5)";
    /** The reactive client's placeholders are $n. */
    private static final String INSERT_ON_CONNECTION = INSERT.replace("?", "$");

    private final OutboxRelay relay;

    public OutboxWriter(OutboxRelay relay) {
        this.relay = relay;
    }

    /**
     * The same for services that work on the reactive SQL client directly: {@code transaction} is the
     * connection of the transaction that changes the state.
     */
    public Uni<Void> append(SqlConnection transaction, String topic, EventEnvelope envelope) {
        return transaction.preparedQuery(INSERT_ON_CONNECTION)
                .execute(Tuple.of(UUID.fromString(envelope.getEventId()), topic,
                        envelope.getAggregateId(), envelope.getPayloadCase().name(),
                        Buffer.buffer(envelope.toByteArray())))
                .invoke(relay::wakeUpSoon)
                .replaceWithVoid();
    }

    /** Must be called within a transaction ({@code @WithTransaction}); the record key is the aggregate id. */
    public Uni<Void> append(String topic, EventEnvelope envelope) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, UUID.fromString(envelope.getEventId()))
                        .setParameter(2, topic)
                        .setParameter(3, envelope.getAggregateId())
                        .setParameter(4, envelope.getPayloadCase().name())
                        .setParameter(5, envelope.toByteArray())
                        .executeUpdate())
                .invoke(relay::wakeUpSoon)
                .replaceWithVoid();
    }
}
