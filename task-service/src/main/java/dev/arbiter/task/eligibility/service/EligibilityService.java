package dev.arbiter.task.eligibility.service;

import dev.arbiter.platform.events.StandingVersion;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.eligibility.model.Expert;
import dev.arbiter.task.eligibility.model.ExpertDomain;
import dev.arbiter.task.eligibility.repository.ExpertDomainRepository;
import dev.arbiter.task.eligibility.repository.ExpertRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Who may work, in which domains and at which tier, as task-service knows it from events.
 * qualification-service owns the tier; this record follows its versioned events ({@link StandingVersion}).
 */
@ApplicationScoped
public class EligibilityService {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);

    public record Eligibility(UUID expertId, String displayName, List<DomainTier> qualifications) {
    }

    public record DomainTier(String domain, int tier) {
    }

    private final ExpertRepository experts;
    private final ExpertDomainRepository domains;

    public EligibilityService(ExpertRepository experts, ExpertDomainRepository domains) {
        this.experts = experts;
        this.domains = domains;
    }

    /** Records a registered expert; runs in the inbox's transaction, and a known expert stays as is. */
    public Uni<Void> recordExpert(UUID id, String displayName, Instant registeredAt) {
        return experts.findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Expert expert = new Expert();
            expert.id = id;
            expert.displayName = displayName;
            expert.registeredAt = registeredAt;
            return experts.persist(expert).replaceWithVoid();
        });
    }

    /** Sets the expert's tier in a domain, unless a newer version of the standing was applied already. */
    public Uni<Void> recordQualification(UUID expertId, String domain, int tier, String source, long version) {
        return applyIfNewer(expertId, domain, version, row -> {
            row.tier = tier;
            row.source = source;
        });
    }

    /** Leaves a tombstone (no tier, the version kept), unless a newer version of the standing was applied already. */
    public Uni<Void> revokeQualification(UUID expertId, String domain, long version) {
        return applyIfNewer(expertId, domain, version, row -> {
            row.tier = null;
            row.source = null;
        });
    }

    private Uni<Void> applyIfNewer(UUID expertId, String domain, long version, Consumer<ExpertDomain> change) {
        return domains.findById(new ExpertDomainKey(expertId, domain)).chain(existing -> {
            if (existing != null && !StandingVersion.supersedes(version, existing.version)) {
                LOG.debugf("Ignored version %d of %s in %s: version %d applied already", version, expertId, domain,
                        existing.version);
                return Uni.createFrom().voidItem();
            }
            ExpertDomain row = existing != null ? existing : new ExpertDomain();
            row.expertId = expertId;
            row.domain = domain;
            row.version = version;
            row.updatedAt = Instant.now();
            change.accept(row);
            return existing != null ? Uni.createFrom().voidItem() : domains.persist(row).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<Eligibility> of(UUID expertId) {
        return experts.findById(expertId)
                .onItem().ifNull().failWith(() -> new ApiProblem(404, "expert-not-known", "Not found",
                        "task-service does not know this expert yet; it learns of new experts moments after registration"))
                .chain(expert -> domains.heldBy(expertId).map(rows -> new Eligibility(expert.id, expert.displayName,
                        rows.stream().map(r -> new DomainTier(r.domain, r.tier)).toList())));
    }
}
