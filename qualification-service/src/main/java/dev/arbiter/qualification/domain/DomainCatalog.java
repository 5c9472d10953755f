package dev.arbiter.qualification.domain;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** The domains experts can qualify in; anything else is refused with a validation problem naming the known ones. */
@ApplicationScoped
public class DomainCatalog {

    @ConfigMapping(prefix = "arbiter.qualification")
    public interface Domains {
        /** Lower-case domain keys, e.g. finance, law, medicine. */
        List<String> domains();
    }

    private final List<String> domains;

    public DomainCatalog(Domains config) {
        this.domains = config.domains().stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public List<String> all() {
        return domains;
    }

    /** The canonical key of {@code domain} (a body field or query parameter of that name), or a validation problem. */
    public String require(String domain) {
        if (domain == null || domain.isBlank()) {
            throw ApiProblem.validation("domain", "is required; " + Violation.mustBeOneOf(domains));
        }
        String key = domain.trim().toLowerCase(Locale.ROOT);
        if (!domains.contains(key)) {
            throw ApiProblem.validation(Violation.oneOf("domain", domains));
        }
        return key;
    }
}
