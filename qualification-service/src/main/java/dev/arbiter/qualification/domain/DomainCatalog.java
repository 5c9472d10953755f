package dev.arbiter.qualification.domain;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
        return check(domain).map(problem -> {
            if (problem.isPresent()) {
                throw ApiProblem.validation(problem.get());
            }
            return domain.trim().toLowerCase(Locale.ROOT);
        });
    }

    /** What is wrong with {@code domain} (missing, or not in the catalog, naming the known keys), if anything. */
    public Uni<Optional<Violation>> check(String domain) {
        return all().map(keys -> {
            if (domain == null || domain.isBlank()) {
                return Optional.of(new Violation("domain", "is required; " + Violation.mustBeOneOf(keys)));
            }
            return keys.contains(domain.trim().toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of(Violation.oneOf("domain", keys));
        });
    }

    /** Adds a domain announced by marketplace-api; nothing when it is known already. */
    public Uni<Void> add(String key, String name) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into domain_catalog (key, name) values (?1, ?2) on conflict (key) do nothing")
                .setParameter(1, key).setParameter(2, name).executeUpdate()).replaceWithVoid();
    }
}
