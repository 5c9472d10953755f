package dev.arbiter.qualification.standing.service;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.qualification.grant.model.Qualification;
import dev.arbiter.qualification.grant.model.QualificationAudit;
import dev.arbiter.qualification.grant.model.StandingAction;
import dev.arbiter.qualification.grant.model.StandingSource;
import dev.arbiter.qualification.grant.repository.QualificationAuditRepository;
import dev.arbiter.qualification.grant.repository.QualificationRepository;
import dev.arbiter.qualification.standing.TierPolicy;
import dev.arbiter.qualification.standing.repository.QualityFactsRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/**
 * The one way a standing changes, whoever decides it (evidence, an admin, quality): the row, its next
 * version, the audit entry and the event, in the caller's transaction. Writers first {@link #lock} the
 * row, so two concurrent changes of one standing queue up instead of sharing a version.
 */
@ApplicationScoped
public class StandingChanges {

    public static final String PRODUCER = "qualification-service";

    /** A change of tier and who is behind it; {@code actorId} is null when a rule decided it. */
    public record TierChange(UUID expertId, String domain, int tier, StandingSource source, StandingAction action,
                             UUID actorId, String reason) {
    }

    private final QualificationRepository qualifications;
    private final QualificationAuditRepository audit;
    private final QualityFactsRepository facts;
    private final OutboxWriter outbox;

    public StandingChanges(QualificationRepository qualifications, QualificationAuditRepository audit,
                           QualityFactsRepository facts, OutboxWriter outbox) {
        this.qualifications = qualifications;
        this.audit = audit;
        this.facts = facts;
        this.outbox = outbox;
    }

    /** The standing (null when there has never been one), locked until the transaction ends. */
    public Uni<Qualification> lock(UUID expertId, String domain) {
        return qualifications.findById(new ExpertDomainKey(expertId, domain), LockModeType.PESSIMISTIC_WRITE);
    }

    /** The standing as {@link TierPolicy} sees it. */
    public static TierPolicy.Standing asPolicySees(Qualification q) {
        if (q == null) {
            return TierPolicy.Standing.NONE;
        }
        return q.isHeld() ? TierPolicy.Standing.held(q.tier, q.source, q.judgmentsAtLastMove)
                : TierPolicy.Standing.revoked(q.judgmentsAtLastMove);
    }

    /**
     * Sets the tier of the (locked) standing {@code existing}, or creates it when null. Quality evidence
     * counts afresh from here: the decided-judgment count task-service last reported becomes the baseline.
     */
    public Uni<Qualification> setTier(Qualification existing, TierChange change) {
        Qualification q = existing != null ? existing : new Qualification();
        return facts.decidedJudgments(change.expertId(), change.domain()).chain(decided -> {
            q.expertId = change.expertId();
            q.domain = change.domain();
            q.tier = change.tier();
            q.source = change.source();
            q.qualifiedAt = Instant.now();
            q.version = q.version + 1;
            q.judgmentsAtLastMove = decided;
            Uni<?> saved = existing != null ? Uni.createFrom().item(q) : qualifications.persist(q);
            return saved
                    .chain(() -> audit.persist(QualificationAudit.of(change.actorId(), change.action(), q.expertId, q.domain,
                            q.tier, change.reason())))
                    .chain(() -> outbox.append(Topics.QUALIFICATION, Envelopes.newEnvelope(PRODUCER, q.expertId.toString())
                            .setExpertQualified(ExpertQualified.newBuilder()
                                    .setExpertId(q.expertId.toString())
                                    .setDomain(q.domain)
                                    .setTier(Tier.forNumber(q.tier))
                                    .setSource(q.source.toEvent())
                                    .setVersion(q.version)
                                    .setReason(change.reason()))
                            .build()))
                    .replaceWith(q);
        });
    }

    /** Ends the (locked, held) standing: the row stays without a tier, so its version keeps counting. */
    public Uni<Void> revoke(Qualification q, UUID actorId, String reason) {
        q.tier = null;
        q.version = q.version + 1;
        return audit.persist(QualificationAudit.of(actorId, StandingAction.REVOKE, q.expertId, q.domain, null, reason))
                .chain(() -> outbox.append(Topics.QUALIFICATION, Envelopes.newEnvelope(PRODUCER, q.expertId.toString())
                        .setQualificationRevoked(QualificationRevoked.newBuilder()
                                .setExpertId(q.expertId.toString())
                                .setDomain(q.domain)
                                .setReason(reason)
                                .setVersion(q.version))
                        .build()));
    }
}
