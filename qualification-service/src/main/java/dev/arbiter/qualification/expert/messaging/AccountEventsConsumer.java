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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return inbox.consumeBatch(Topics.ACCOUNTS, records, this::apply,
                Map.of(EventEnvelope.PayloadCase.EXPERT_REGISTERED, this::registered));
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        if (envelope.getPayloadCase() == EventEnvelope.PayloadCase.DOMAIN_ADDED) {
            return domainAdded(envelope);
        }
        if (envelope.getPayloadCase() != EventEnvelope.PayloadCase.EXPERT_REGISTERED) {
            return Uni.createFrom().voidItem();
        }
        return registered(List.of(envelope));
    }

    /**
     * Registrations, one or a run of them, in one statement: a new expert is recorded; a placeholder made when the
     * expert qualified before this event arrived gets its name now; a known expert stays as is. Per expert named twice,
     * what applying each event in turn would leave: the first one's time, the first name that is not empty.
     */
    private Uni<Void> registered(List<EventEnvelope> run) {
        Map<UUID, KnownExpert> byId = new LinkedHashMap<>();
        for (EventEnvelope envelope : run) {
            UUID id = UUID.fromString(envelope.getExpertRegistered().getExpertId());
            String name = envelope.getExpertRegistered().getDisplayName();
            KnownExpert first = byId.get(id);
            if (first == null) {
                KnownExpert expert = new KnownExpert();
                expert.id = id;
                expert.displayName = name;
                expert.registeredAt = Envelopes.occurredAt(envelope);
                byId.put(id, expert);
            } else if (first.displayName.isEmpty()) {
                first.displayName = name;
            }
        }
        return experts.recordAll(byId.values());
    }
}
