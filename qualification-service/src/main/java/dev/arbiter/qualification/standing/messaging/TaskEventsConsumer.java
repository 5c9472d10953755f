package dev.arbiter.qualification.standing.messaging;

import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.qualification.standing.service.QualityMoves;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes the quality facts task-service measures, once per event, into the experts' standings. */
@ApplicationScoped
public class TaskEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TaskEventsConsumer.class);
    /** The only producer whose quality facts count: anyone else writing to the topic must not move tiers. */
    static final String QUALITY_PRODUCER = "task-service";
    /**
     * Of the task events (a session opened with every claim, batches closed, judgments submitted…), only quality facts
     * move standings: the inbox leaves the others out before its transaction.
     */
    private static final Set<EventEnvelope.PayloadCase> ACTS_ON = EnumSet.of(EventEnvelope.PayloadCase.EXPERT_QUALITY_MEASURED);

    private final Inbox inbox;
    private final QualityMoves moves;

    public TaskEventsConsumer(Inbox inbox, QualityMoves moves) {
        this.inbox = inbox;
        this.moves = moves;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.TASKS, this::apply);
    }

    @Incoming("tasks")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.TASKS, records, ACTS_ON, this::apply, Map.of());
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        if (!ACTS_ON.contains(envelope.getPayloadCase())) {
            return Uni.createFrom().voidItem();
        }
        if (!QUALITY_PRODUCER.equals(envelope.getProducer())) {
            LOG.warnf("Refused ExpertQualityMeasured %s from producer '%s': only %s reports quality",
                    envelope.getEventId(), envelope.getProducer(), QUALITY_PRODUCER);
            return Uni.createFrom().voidItem();
        }
        return moves.apply(envelope.getExpertQualityMeasured());
    }
}
