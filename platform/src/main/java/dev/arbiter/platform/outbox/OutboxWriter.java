package dev.arbiter.platform.outbox;

import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

    static final int ROWS_PER_INSERT = 200;

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

    /**
     * Many events at once, in order, within the caller's transaction: one multi-row insert per
     * {@value #ROWS_PER_INSERT} events instead of one statement each.
     */
    public Uni<Void> appendAll(String topic, List<EventEnvelope> envelopes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < envelopes.size(); start += ROWS_PER_INSERT) {
            List<EventEnvelope> chunk = envelopes.subList(start, Math.min(envelopes.size(), start + ROWS_PER_INSERT));
            chain = chain.chain(() -> Panache.getSession().chain(session -> {
                StringBuilder sql = new StringBuilder("insert into outbox_message (event_id, topic, message_key, event_type, payload) values ");
                for (int i = 0; i < chunk.size(); i++) {
                    int p = i * 5;
                    sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                            .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(')');
                }
                var query = session.createNativeQuery(sql.toString());
                for (int i = 0; i < chunk.size(); i++) {
                    EventEnvelope envelope = chunk.get(i);
                    int p = i * 5;
                    query.setParameter(p + 1, UUID.fromString(envelope.getEventId())).setParameter(p + 2, topic)
                            .setParameter(p + 3, envelope.getAggregateId()).setParameter(p + 4, envelope.getPayloadCase().name())
                            .setParameter(p + 5, envelope.toByteArray());
                }
                return query.executeUpdate();
            }).replaceWithVoid());
        }
        return chain.invoke(() -> {
            if (!envelopes.isEmpty()) {
                relay.wakeUpSoon();
            }
        });
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
