package dev.arbiter.qualification.expert.repository;

import dev.arbiter.qualification.expert.model.KnownExpert;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class KnownExpertRepository implements PanacheRepositoryBase<KnownExpert, UUID> {
}
