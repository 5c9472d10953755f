package dev.arbiter.qualification.domain;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * The domains experts can qualify in: this service's copy of the platform's one catalog (marketplace-api
 * owns it and announces additions with {@code DomainAdded}). Anything else is refused with a validation
 * problem naming the known domains. Read from the database on each check (a table of a few rows), so
 * that every replica knows a domain as soon as one of them has applied its event.
 */
@ApplicationScoped
public class DomainCatalog {

    @SuppressWarnings("unchecked")
    public Uni<List<String>> all() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select key from domain_catalog order by key").getResultList()
                .map(rows -> (List<String>) (List<?>) rows));
    }

    /** The canonical key of {@code domain} (a body field or query parameter of that name), or a validation problem. */
    public Uni<String> require(String domain) {
        return all().map(keys -> {
            if (domain == null || domain.isBlank()) {
                throw ApiProblem.validation("domain", "is required; " + Violation.mustBeOneOf(keys));
            }
            String key = domain.trim().toLowerCase(Locale.ROOT);
            if (!keys.contains(key)) {
                throw ApiProblem.validation(Violation.oneOf("domain", keys));
            }
            return key;
        });
    }

    /** Adds a domain announced by marketplace-api; nothing when it is known already. */
    public Uni<Void> add(String key, String name) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into domain_catalog (key, name) values (?1, ?2) on conflict (key) do nothing")
                .setParameter(1, key).setParameter(2, name).executeUpdate()).replaceWithVoid();
    }
}
