package dev.arbiter.marketplace.account.repository;

import dev.arbiter.marketplace.account.model.Organization;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    public Uni<Organization> findByName(String name) {
        return find("lower(name) = lower(?1)", name.trim()).firstResult();
    }
}
