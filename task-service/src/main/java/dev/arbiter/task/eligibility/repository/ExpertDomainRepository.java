package dev.arbiter.task.eligibility.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.task.eligibility.model.ExpertDomain;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExpertDomainRepository implements PanacheRepositoryBase<ExpertDomain, ExpertDomainKey> {

    /** The domains the expert holds a tier in (not the tombstones of revoked ones). */
    public Uni<List<ExpertDomain>> heldBy(UUID expertId) {
        return list("expertId = ?1 and tier is not null order by domain", expertId);
    }
}
