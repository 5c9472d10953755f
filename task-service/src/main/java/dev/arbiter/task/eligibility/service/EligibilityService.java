package dev.arbiter.task.eligibility.service;

import dev.arbiter.platform.events.StandingVersion;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.eligibility.model.Expert;
import dev.arbiter.task.eligibility.model.ExpertDomain;
import dev.arbiter.task.eligibility.repository.ExpertDomainRepository;
import dev.arbiter.task.eligibility.repository.ExpertRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

    private static final String RECORD_EXPERTS = "insert into expert (id, display_name, registered_at) "
            + "select r.id, r.display_name, r.registered_at from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) "
            + "as r(id uuid, display_name text, registered_at timestamptz) on conflict (id) do nothing";

    private final ExpertRepository experts;
    private final ExpertDomainRepository domains;

    public EligibilityService(ExpertRepository experts, ExpertDomainRepository domains) {
        this.experts = experts;
        this.domains = domains;
    }

    /**
     * Records registered experts, in one statement; runs in the inbox's transaction. A known expert stays as is, and an
     * expert named twice is recorded as first named.
     */
    public Uni<Void> recordExperts(List<Expert> registered) {
        JsonArray rows = new JsonArray();
        for (Expert expert : registered) {
            rows.add(new JsonObject().put("id", expert.id.toString()).put("display_name", expert.displayName)
                    .put("registered_at", expert.registeredAt.toString()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_EXPERTS)
                .setParameter(1, rows.encode()).executeUpdate()).replaceWithVoid();
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
