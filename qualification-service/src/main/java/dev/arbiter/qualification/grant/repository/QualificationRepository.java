package dev.arbiter.qualification.grant.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.qualification.grant.model.Qualification;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class QualificationRepository implements PanacheRepositoryBase<Qualification, ExpertDomainKey> {
}
