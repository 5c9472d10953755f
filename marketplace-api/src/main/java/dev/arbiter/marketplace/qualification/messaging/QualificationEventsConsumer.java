package dev.arbiter.marketplace.qualification.messaging;

import dev.arbiter.platform.events.StandingRows;
import dev.arbiter.platform.events.StandingVersion;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the qualifications shown by {@code GET /api/me} in step with qualification-service, which owns
 * experts' standings; its events are versioned ({@link StandingVersion}), so an older one never wins.
 */
@ApplicationScoped
public class QualificationEventsConsumer {

    /** The cases {@link #apply} acts on (the inbox leaves the topic's others out before its transaction). */
    private static final Set<EventEnvelope.PayloadCase> ACTS_ON = EnumSet.of(EventEnvelope.PayloadCase.EXPERT_QUALIFIED,
            EventEnvelope.PayloadCase.QUALIFICATION_REVOKED);

    private final Inbox inbox;

    public QualificationEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.QUALIFICATION, this::apply);
    }

    @Incoming("qualification")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.QUALIFICATION, records, ACTS_ON, this::apply,
                Map.of(EventEnvelope.PayloadCase.EXPERT_QUALIFIED, this::standings,
                        EventEnvelope.PayloadCase.QUALIFICATION_REVOKED, this::standings));
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case EXPERT_QUALIFIED, QUALIFICATION_REVOKED -> standings(List.of(envelope));
            default -> ignored();
        };
    }

    /**
     * Grants and revocations (a tombstone: the version stays, so an older ExpertQualified arriving later cannot undo
     * it), one event or a run of them: one statement.
     */
    private Uni<Void> standings(List<EventEnvelope> run) {
        return StandingRows.apply("expert_qualification", run);
    }

    private static Uni<Void> ignored() {
        return Uni.createFrom().voidItem();
    }
}
