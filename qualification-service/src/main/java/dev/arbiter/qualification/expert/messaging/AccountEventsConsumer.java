package dev.arbiter.qualification.expert.messaging;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.platform.events.DomainEvents;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.expert.model.KnownExpert;
import dev.arbiter.qualification.expert.repository.KnownExpertRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns of experts and of new domains from marketplace-api, once per event. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;
    private final KnownExpertRepository experts;
    private final DomainCatalog domains;

    public AccountEventsConsumer(Inbox inbox, KnownExpertRepository experts, DomainCatalog domains) {
        this.inbox = inbox;
        this.experts = experts;
        this.domains = domains;
    }

    /** A domain joins the catalog, if marketplace-api (which owns the catalog) says so. */
    private Uni<Void> domainAdded(EventEnvelope envelope) {
        if (!DomainEvents.fromOwner(envelope)) {
            return Uni.createFrom().voidItem();
        }
        return domains.add(envelope.getDomainAdded().getKey(), envelope.getDomainAdded().getName());
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.ACCOUNTS, this::apply);
    }

    @Incoming("accounts")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.ACCOUNTS, records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        if (envelope.getPayloadCase() == EventEnvelope.PayloadCase.DOMAIN_ADDED) {
            return domainAdded(envelope);
        }
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.EXPERT_REGISTERED) {
            return Uni.createFrom().voidItem();
        }
        UUID id = UUID.fromString(envelope.getExpertRegistered().getExpertId());
        return experts.findById(id).chain(existing -> {
            if (existing != null) {
                // A placeholder made when the expert qualified before this event arrived gets its name now.
                if (existing.displayName == null || existing.displayName.isEmpty()) {
                    existing.displayName = envelope.getExpertRegistered().getDisplayName();
                }
                return Uni.createFrom().voidItem();
            }
            KnownExpert expert = new KnownExpert();
            expert.id = id;
            expert.displayName = envelope.getExpertRegistered().getDisplayName();
            expert.registeredAt = Envelopes.occurredAt(envelope);
            return experts.persist(expert).replaceWithVoid();
        });
    }
}
