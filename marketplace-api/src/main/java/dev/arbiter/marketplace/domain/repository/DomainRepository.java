package dev.arbiter.marketplace.domain.repository;

import dev.arbiter.marketplace.domain.model.Domain;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The SQL of {@code domain_catalog}. */
@ApplicationScoped
public class DomainRepository {

    @SuppressWarnings("unchecked")
    public Uni<List<Domain>> all() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select key, name from domain_catalog order by key")
                .getResultList()
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().map(r -> new Domain((String) r[0], (String) r[1])).toList()));
    }

    /** Adds the domain; false when its key is taken (nothing changes then). */
    public Uni<Boolean> add(Domain domain, UUID addedBy) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into domain_catalog (key, name, added_by) values (?1, ?2, ?3) on conflict (key) do nothing")
                .setParameter(1, domain.key()).setParameter(2, domain.name().strip()).setParameter(3, addedBy)
                .executeUpdate().map(inserted -> inserted == 1));
    }
}
