package dev.arbiter.qualification.grant.service;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationRevoked;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.expert.repository.KnownExpertRepository;
import dev.arbiter.qualification.grant.model.Qualification;
import dev.arbiter.qualification.grant.model.QualificationAudit;
import dev.arbiter.qualification.grant.repository.QualificationAuditRepository;
import dev.arbiter.qualification.grant.repository.QualificationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Admins' manual decisions (vetted experts moving in, mistakes corrected): always with a reason,
 * always in the audit log, and announced like any earned qualification.
 */
@ApplicationScoped
public class GrantService {

    static final String PRODUCER = "qualification-service";

    private final KnownExpertRepository experts;
    private final QualificationRepository qualifications;
    private final QualificationAuditRepository audit;
    private final DomainCatalog domains;
    private final OutboxWriter outbox;

    public GrantService(KnownExpertRepository experts, QualificationRepository qualifications,
                        QualificationAuditRepository audit, DomainCatalog domains, OutboxWriter outbox) {
        this.experts = experts;
        this.qualifications = qualifications;
        this.audit = audit;
        this.domains = domains;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Qualification> grant(UUID adminId, UUID expertId, String domainName, int tier, String reason) {
        String domain = domains.require(domainName);
        return requireExpert(expertId)
                .chain(() -> qualifications.findById(new ExpertDomainKey(expertId, domain)))
                .chain(existing -> {
                    Qualification q = existing != null ? existing : new Qualification();
                    q.expertId = expertId;
                    q.domain = domain;
                    q.tier = tier;
                    q.source = "ADMIN_GRANT";
                    q.qualifiedAt = Instant.now();
                    Uni<Qualification> saved = existing != null ? Uni.createFrom().item(q) : qualifications.persist(q);
                    return saved.call(() -> audit.persist(QualificationAudit.of(adminId, "GRANT", expertId, domain, tier, reason)))
                            .call(() -> outbox.append(Topics.QUALIFICATION, qualified(q)));
                });
    }

    @WithTransaction
    public Uni<Void> revoke(UUID adminId, UUID expertId, String domainName, String reason) {
        String domain = domains.require(domainName);
        return qualifications.findById(new ExpertDomainKey(expertId, domain))
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Qualification of expert " + expertId + " in", domain))
                .chain(q -> qualifications.delete(q))
                .call(() -> audit.persist(QualificationAudit.of(adminId, "REVOKE", expertId, domain, null, reason)))
                .call(() -> outbox.append(Topics.QUALIFICATION, Envelopes.newEnvelope(PRODUCER, expertId.toString())
                        .setQualificationRevoked(QualificationRevoked.newBuilder()
                                .setExpertId(expertId.toString()).setDomain(domain).setReason(reason))
                        .build()));
    }

    @WithSession
    public Uni<List<QualificationAudit>> history(UUID expertId) {
        return audit.ofExpert(expertId);
    }

    private Uni<Void> requireExpert(UUID expertId) {
        return experts.findById(expertId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("Expert", expertId))
                .replaceWithVoid();
    }

    private static EventEnvelope qualified(Qualification q) {
        return Envelopes.newEnvelope(PRODUCER, q.expertId.toString())
                .setExpertQualified(ExpertQualified.newBuilder()
                        .setExpertId(q.expertId.toString())
                        .setDomain(q.domain)
                        .setTier(Tier.forNumber(q.tier))
                        .setSource("ADMIN_GRANT".equals(q.source) ? QualificationSource.QUALIFICATION_SOURCE_ADMIN_GRANT
                                : QualificationSource.QUALIFICATION_SOURCE_EVIDENCE))
                .build();
    }
}
