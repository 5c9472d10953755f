package dev.arbiter.marketplace.qualification.messaging;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.marketplace.qualification.model.ExpertQualification;
import dev.arbiter.marketplace.qualification.repository.ExpertQualificationRepository;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.tasks.v1.ExpertTierChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the qualifications shown by {@code GET /api/me} in step with qualification- and task-service. */
@ApplicationScoped
public class QualificationEventsConsumer {

    private final Inbox inbox;
    private final ExpertQualificationRepository qualifications;

    public QualificationEventsConsumer(Inbox inbox, ExpertQualificationRepository qualifications) {
        this.inbox = inbox;
        this.qualifications = qualifications;
    }

    @Incoming("qualification")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(records, this::apply);
    }

    /** Tier moves decided by task-service from the expert's quality score. */
    @Incoming("tasks")
    public Uni<Void> onTaskEvent(List<byte[]> records) {
        return inbox.consumeBatch(records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case EXPERT_QUALIFIED -> qualified(envelope.getExpertQualified());
            case EXPERT_TIER_CHANGED -> retiered(envelope.getExpertTierChanged());
            case QUALIFICATION_REVOKED -> revoked(envelope.getQualificationRevoked());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> qualified(ExpertQualified event) {
        UUID expertId = UUID.fromString(event.getExpertId());
        return qualifications.findById(new ExpertDomainKey(expertId, event.getDomain())).chain(existing -> {
            ExpertQualification q = existing != null ? existing : new ExpertQualification();
            q.expertId = expertId;
            q.domain = event.getDomain();
            q.tier = event.getTierValue();
            q.source = event.getSource().name();
            q.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().voidItem() : qualifications.persist(q).replaceWithVoid();
        });
    }

    private Uni<Void> retiered(ExpertTierChanged event) {
        return qualifications.update("tier = ?1, updatedAt = ?2 where expertId = ?3 and domain = ?4", event.getTier(),
                Instant.now(), UUID.fromString(event.getExpertId()), event.getDomain()).replaceWithVoid();
    }

    private Uni<Void> revoked(QualificationRevoked event) {
        return qualifications.delete("expertId = ?1 and domain = ?2", UUID.fromString(event.getExpertId()), event.getDomain())
                .replaceWithVoid();
    }
}
