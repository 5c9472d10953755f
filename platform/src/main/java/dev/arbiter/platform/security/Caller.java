package dev.arbiter.platform.security;

import dev.arbiter.platform.problem.ApiProblem;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, read from the verified access token. Resources pass it to services, which decide
 * what this caller may see; nothing trusts an id taken from the request body or path instead.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        String subject = token.getSubject();
        if (subject == null) {
            throw ApiProblem.unauthorized("The token names no subject");
        }
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.unauthorized("The token's subject is not an account id");
        }
    }

    public String email() {
        return token.getName();
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : token.getGroups();
    }

    public boolean is(String role) {
        return roles().contains(role);
    }

    public boolean isAdmin() {
        return is(Roles.ADMIN);
    }

    public Optional<UUID> organizationId() {
        Object claim = token.getClaim(Roles.ORGANIZATION_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        String value = claim.toString().replace("\"", "");
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
