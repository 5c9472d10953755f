package dev.arbiter.task.eligibility.messaging;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.task.eligibility.service.EligibilityService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the eligibility record from account and qualification events, each applied once. */
@ApplicationScoped
public class EligibilityEventsConsumer {

    private final Inbox inbox;
    private final EligibilityService eligibility;

    public EligibilityEventsConsumer(Inbox inbox, EligibilityService eligibility) {
        this.inbox = inbox;
        this.eligibility = eligibility;
    }

    @Incoming("accounts")
    public Uni<Void> onAccountEvent(List<byte[]> records) {
        return inbox.consumeBatch(records, this::apply);
    }

    @Incoming("qualification")
    public Uni<Void> onQualificationEvent(List<byte[]> records) {
        return inbox.consumeBatch(records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case EXPERT_REGISTERED -> eligibility.recordExpert(UUID.fromString(envelope.getExpertRegistered().getExpertId()),
                    envelope.getExpertRegistered().getDisplayName(), Envelopes.occurredAt(envelope));
            case EXPERT_QUALIFIED -> eligibility.recordQualification(
                    UUID.fromString(envelope.getExpertQualified().getExpertId()), envelope.getExpertQualified().getDomain(),
                    envelope.getExpertQualified().getTierValue(), envelope.getExpertQualified().getSource().name());
            case QUALIFICATION_REVOKED -> eligibility.revokeQualification(
                    UUID.fromString(envelope.getQualificationRevoked().getExpertId()),
                    envelope.getQualificationRevoked().getDomain());
            default -> Uni.createFrom().voidItem();
        };
    }
}
