package dev.arbiter.task.events;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Task events into the platform's outbox, on the connection of the transaction that changes the
 * state (task-service works on the reactive SQL client directly: claims and uploads need SKIP LOCKED
 * and batched inserts). The platform relay sends them to {@code tasks.events.v1} after commit.
 */
@ApplicationScoped
public class TaskOutbox {

    public static final String PRODUCER = "task-service";

    private final OutboxWriter writer;

    public TaskOutbox(OutboxWriter writer) {
        this.writer = writer;
    }

    public EventEnvelope.Builder envelope(UUID aggregateId) {
        return Envelopes.newEnvelope(PRODUCER, aggregateId.toString());
    }

    public Uni<Void> append(SqlConnection tx, EventEnvelope envelope) {
        return writer.append(tx, Topics.TASKS, envelope);
    }
}
