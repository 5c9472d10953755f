package dev.arbiter.task.eligibility.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.eligibility.model.Expert;
import dev.arbiter.task.eligibility.repository.ExpertDomainRepository;
import dev.arbiter.task.eligibility.repository.ExpertRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Who may work, in which domains and at which tier, as task-service knows it from events.
 * qualification-service owns the tier; this record follows its versioned events (StandingVersion, applied by StandingRows).
 */
@ApplicationScoped
public class EligibilityService {

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

    @WithSession
    public Uni<Eligibility> of(UUID expertId) {
        return experts.findById(expertId)
                .onItem().ifNull().failWith(() -> new ApiProblem(404, "expert-not-known", "Not found",
                        "task-service does not know this expert yet; it learns of new experts moments after registration"))
                .chain(expert -> domains.heldBy(expertId).map(rows -> new Eligibility(expert.id, expert.displayName,
                        rows.stream().map(r -> new DomainTier(r.domain, r.tier)).toList())));
    }
}
