package dev.arbiter.qualification.grant.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.expert.repository.KnownExpertRepository;
import dev.arbiter.qualification.grant.model.Qualification;
import dev.arbiter.qualification.grant.model.QualificationAudit;
import dev.arbiter.qualification.grant.model.StandingAction;
import dev.arbiter.qualification.grant.model.StandingSource;
import dev.arbiter.qualification.grant.repository.QualificationAuditRepository;
import dev.arbiter.qualification.standing.service.StandingChanges;
import dev.arbiter.qualification.standing.service.StandingChanges.TierChange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Admins' manual decisions (vetted experts moving in, mistakes corrected, fraud): always with a reason,
 * always in the audit log, and announced like any other change of standing. A grant sets the tier
 * explicitly, whatever it rested on before and also after a revocation; a revocation ends the standing.
 */
@ApplicationScoped
public class GrantService {

    private final KnownExpertRepository experts;
    private final QualificationAuditRepository audit;
    private final DomainCatalog domains;
    private final StandingChanges changes;

    public GrantService(KnownExpertRepository experts, QualificationAuditRepository audit, DomainCatalog domains,
                        StandingChanges changes) {
        this.experts = experts;
        this.audit = audit;
        this.domains = domains;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<Qualification> grant(UUID adminId, UUID expertId, String domainName, int tier, String reason) {
        return domains.require(domainName).chain(domain -> requireExpert(expertId)
                .chain(() -> changes.lock(expertId, domain))
                .chain(existing -> changes.setTier(existing, new TierChange(expertId, domain, tier,
                        StandingSource.ADMIN_GRANT, StandingAction.GRANT, adminId, reason))));
    }

    @WithTransaction
    public Uni<Void> revoke(UUID adminId, UUID expertId, String domainName, String reason) {
        return domains.require(domainName).chain(domain -> {
            return changes.lock(expertId, domain)
                    .onItem().ifNull().failWith(() -> ApiProblem.notFound("Qualification of expert " + expertId + " in", domain))
                    .chain(q -> {
                        if (!q.isHeld()) {
                            throw ApiProblem.notFound("Qualification of expert " + expertId + " in", domain);
                        }
                        return changes.revoke(q, adminId, reason);
                    });
        });
    }

    @WithSession
    public Uni<List<QualificationAudit>> history(UUID expertId) {
        return audit.ofExpert(expertId);
    }

    /**
     * The expert must be known here, i.e. their registration event has arrived. One registered a moment
     * ago may not be yet: that is a 409 to retry shortly, not a 404 claiming they do not exist.
     */
    private Uni<Void> requireExpert(UUID expertId) {
        return experts.findById(expertId)
                .onItem().ifNull().failWith(() -> ApiProblem.conflict("expert-not-known-yet", "qualification-service has "
                                + "not heard of expert " + expertId + " yet: an account registered a moment ago reaches it within "
                                + "seconds, so retry shortly; an id of no account never will")
                        .with("expertId", expertId.toString()).retryAfter(2))
                .replaceWithVoid();
    }
}
