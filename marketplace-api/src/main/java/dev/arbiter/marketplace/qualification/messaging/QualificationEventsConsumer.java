package dev.arbiter.marketplace.qualification.messaging;

import dev.arbiter.marketplace.qualification.model.ExpertQualification;
import dev.arbiter.marketplace.qualification.repository.ExpertQualificationRepository;
import dev.arbiter.platform.events.StandingVersion;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the qualifications shown by {@code GET /api/me} in step with qualification-service, which owns
 * experts' standings; its events are versioned ({@link StandingVersion}), so an older one never wins.
 */
@ApplicationScoped
public class QualificationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(QualificationEventsConsumer.class);

    private final Inbox inbox;
    private final ExpertQualificationRepository qualifications;

    public QualificationEventsConsumer(Inbox inbox, ExpertQualificationRepository qualifications) {
        this.inbox = inbox;
        this.qualifications = qualifications;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.QUALIFICATION, this::apply);
    }

    @Incoming("qualification")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.QUALIFICATION, records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case EXPERT_QUALIFIED -> StandingVersion.fromOwner(envelope) ? qualified(envelope.getExpertQualified()) : ignored();
            case QUALIFICATION_REVOKED -> StandingVersion.fromOwner(envelope) ? revoked(envelope.getQualificationRevoked()) : ignored();
            default -> ignored();
        };
    }

    private Uni<Void> qualified(ExpertQualified event) {
        return applyIfNewer(UUID.fromString(event.getExpertId()), event.getDomain(), event.getVersion(), q -> {
            q.tier = event.getTierValue();
            q.source = event.getSource().name();
        });
    }

    /** Leaves a tombstone: the version stays, so an older ExpertQualified arriving later cannot undo it. */
    private Uni<Void> revoked(QualificationRevoked event) {
        return applyIfNewer(UUID.fromString(event.getExpertId()), event.getDomain(), event.getVersion(), q -> {
            q.tier = null;
            q.source = null;
        });
    }

    private Uni<Void> applyIfNewer(UUID expertId, String domain, long version, Consumer<ExpertQualification> change) {
        return qualifications.findById(new ExpertDomainKey(expertId, domain)).chain(existing -> {
            if (existing != null && !StandingVersion.supersedes(version, existing.version)) {
                LOG.debugf("Ignored version %d of %s in %s: version %d applied already", version, expertId, domain,
                        existing.version);
                return ignored();
            }
            ExpertQualification q = existing != null ? existing : new ExpertQualification();
            q.expertId = expertId;
            q.domain = domain;
            q.version = version;
            q.updatedAt = Instant.now();
            change.accept(q);
            return existing != null ? ignored() : qualifications.persist(q).replaceWithVoid();
        });
    }


    private static Uni<Void> ignored() {
        return Uni.createFrom().voidItem();
    }
}
