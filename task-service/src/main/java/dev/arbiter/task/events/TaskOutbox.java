package dev.arbiter.task.events;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Appends task events to the platform's outbox table on the connection of the transaction that
 * changes the state. task-service works on the reactive SQL client directly (claims and uploads need
 * SKIP LOCKED and batched inserts), so it writes the outbox row itself; the platform relay polls the
 * table and sends it after commit.
 */
@ApplicationScoped
public class TaskOutbox {

    public static final String PRODUCER = "task-service";

    private static final String INSERT = "insert into outbox_message (event_id, topic, message_key, event_type, payload) "
            + "values ($1, $2, $3, $4, $5)";

    public EventEnvelope.Builder envelope(UUID aggregateId) {
        return Envelopes.newEnvelope(PRODUCER, aggregateId.toString());
    }

    public Uni<Void> append(SqlConnection tx, EventEnvelope envelope) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.fromString(envelope.getEventId()), Topics.TASKS, envelope.getAggregateId(),
                        envelope.getPayloadCase().name(), io.vertx.core.buffer.Buffer.buffer(envelope.toByteArray())))
                .replaceWithVoid();
    }
}
