package dev.arbiter.task.eligibility.messaging;

import dev.arbiter.platform.events.DomainEvents;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.StandingRows;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.task.domain.DomainCatalog;
import dev.arbiter.task.eligibility.model.Expert;
import dev.arbiter.task.eligibility.service.EligibilityService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the eligibility record (and the catalog of domains) from account and qualification events, each applied once. */
@ApplicationScoped
public class EligibilityEventsConsumer {

    private final Inbox inbox;
    private final EligibilityService eligibility;
    private final DomainCatalog domains;

    public EligibilityEventsConsumer(Inbox inbox, EligibilityService eligibility, DomainCatalog domains) {
        this.inbox = inbox;
        this.eligibility = eligibility;
        this.domains = domains;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.ACCOUNTS, this::apply);
        inbox.register(Topics.QUALIFICATION, this::apply);
    }

    @Incoming("accounts")
    public Uni<Void> onAccountEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.ACCOUNTS, records, this::apply,
                Map.of(EventEnvelope.PayloadCase.EXPERT_REGISTERED, this::registered));
    }

    @Incoming("qualification")
    public Uni<Void> onQualificationEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.QUALIFICATION, records, this::apply,
                Map.of(EventEnvelope.PayloadCase.EXPERT_QUALIFIED, this::standings,
                        EventEnvelope.PayloadCase.QUALIFICATION_REVOKED, this::standings));
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case EXPERT_REGISTERED -> registered(List.of(envelope));
            case EXPERT_QUALIFIED, QUALIFICATION_REVOKED -> standings(List.of(envelope));
            case DOMAIN_ADDED -> DomainEvents.fromOwner(envelope)
                    ? domains.add(envelope.getDomainAdded().getKey(), envelope.getDomainAdded().getName()) : ignored();
            default -> ignored();
        };
    }

    /** Registrations, one or a run of them: one statement. */
    private Uni<Void> registered(List<EventEnvelope> run) {
        return eligibility.recordExperts(run.stream().map(envelope -> {
            Expert expert = new Expert();
            expert.id = UUID.fromString(envelope.getExpertRegistered().getExpertId());
            expert.displayName = envelope.getExpertRegistered().getDisplayName();
            expert.registeredAt = Envelopes.occurredAt(envelope);
            return expert;
        }).toList());
    }

    /** Tiers per domain (a grant, or a revocation's tombstone), one event or a run of them: one statement. */
    private Uni<Void> standings(List<EventEnvelope> run) {
        return StandingRows.apply("expert_domain", run);
    }

    private static Uni<Void> ignored() {
        return Uni.createFrom().voidItem();
    }
}
