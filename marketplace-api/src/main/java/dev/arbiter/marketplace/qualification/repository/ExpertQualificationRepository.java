package dev.arbiter.marketplace.qualification.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.marketplace.qualification.model.ExpertQualification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExpertQualificationRepository
        implements PanacheRepositoryBase<ExpertQualification, ExpertDomainKey> {

    /** The qualifications the expert holds (not the tombstones of revoked ones). */
    public Uni<List<ExpertQualification>> ofExpert(UUID expertId) {
        // SQL, not HQL: this runs on every request that shows standings, and with no query plan cache (platform's
        // configuration) HQL would be parsed each time.
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select * from expert_qualification where expert_id = ?1 and tier is not null order by domain", ExpertQualification.class)
                .setParameter(1, expertId).getResultList());
    }
}
