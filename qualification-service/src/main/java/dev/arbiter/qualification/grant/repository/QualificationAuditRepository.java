package dev.arbiter.qualification.grant.repository;

import dev.arbiter.qualification.grant.model.QualificationAudit;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class QualificationAuditRepository implements PanacheRepositoryBase<QualificationAudit, UUID> {

    public Uni<List<QualificationAudit>> ofExpert(UUID expertId) {
        return list("expertId = ?1 order by createdAt desc", expertId);
    }
}
