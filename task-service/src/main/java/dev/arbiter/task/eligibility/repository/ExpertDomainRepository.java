package dev.arbiter.task.eligibility.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.task.eligibility.model.ExpertDomain;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExpertDomainRepository implements PanacheRepositoryBase<ExpertDomain, ExpertDomainKey> {

    /** The domains the expert holds a tier in (not the tombstones of revoked ones). */
    public Uni<List<ExpertDomain>> heldBy(UUID expertId) {
        // SQL, not HQL: this runs on every request that shows standings, and with no query plan cache (platform's
        // configuration) HQL would be parsed each time.
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select * from expert_domain where expert_id = ?1 and tier is not null order by domain", ExpertDomain.class)
                .setParameter(1, expertId).getResultList());
    }
}
