package dev.arbiter.marketplace.qualification.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.marketplace.qualification.model.ExpertQualification;
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
        return list("expertId = ?1 and tier is not null order by domain", expertId);
    }
}
