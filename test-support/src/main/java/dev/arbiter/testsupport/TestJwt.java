package dev.arbiter.testsupport;

import dev.arbiter.infra.JwtKeys;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Mints RS256 access tokens the way marketplace-api does, signed with the test key pair that
 * {@link ArbiterInfraResource} configures, for tests that call one service directly.
 *
 * <p>Claims: {@code iss} = {@link #ISSUER}, {@code sub} = the id, {@code upn} = the email,
 * {@code groups} = the roles, {@code org} = the organization id (LAB only), {@code name},
 * {@code iat}, {@code exp}, {@code jti}.
 */
public final class TestJwt {

    public static final String ISSUER = "https://arbiter.local";
    public static final String EXPERT = "EXPERT";
    public static final String LAB = "LAB";
    public static final String ADMIN = "ADMIN";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private TestJwt() {
    }

    public static String expert(UUID id) {
        return token(id, emailFor(EXPERT, id), Set.of(EXPERT), null, DEFAULT_TTL);
    }

    public static String lab(UUID id, UUID organizationId) {
        return token(id, emailFor(LAB, id), Set.of(LAB), organizationId, DEFAULT_TTL);
    }

    public static String admin(UUID id) {
        return token(id, emailFor(ADMIN, id), Set.of(ADMIN), null, DEFAULT_TTL);
    }

    /** A valid token with every claim chosen by the caller. */
    public static String token(UUID subject, String email, Set<String> roles, UUID organizationIdOrNull, Duration ttl) {
        Instant now = Instant.now();
        return claims(subject, email, roles, organizationIdOrNull, now, now.plus(ttl)).sign(signingKey());
    }

    /** A correctly signed token that expired an hour ago (well beyond any clock skew). */
    public static String expired(UUID subject, Set<String> roles) {
        Instant now = Instant.now();
        return claims(subject, emailFor(roles, subject), roles, null, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))
                .sign(signingKey());
    }

    /** A token with valid claims signed by a freshly generated key nobody trusts. */
    public static String forged(UUID subject, Set<String> roles) {
        Instant now = Instant.now();
        return claims(subject, emailFor(roles, subject), roles, null, now, now.plus(DEFAULT_TTL))
                .sign(JwtKeys.generateKeyPair().getPrivate());
    }

    /** {@code "Bearer " + token}, for an Authorization header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(UUID subject, String email, Set<String> roles, UUID organizationId,
                                           Instant issuedAt, Instant expiresAt) {
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(ISSUER)
                .subject(subject.toString())
                .upn(email)
                .groups(roles)
                .claim("name", "Test " + String.join("/", roles) + " " + subject.toString().substring(0, 8))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        if (organizationId != null) {
            claims.claim("org", organizationId.toString());
        }
        return claims;
    }

    private static PrivateKey signingKey() {
        return TestInfra.jwtKeys().loadPrivateKey();
    }

    private static String emailFor(Set<String> roles, UUID id) {
        return emailFor(roles.isEmpty() ? "user" : roles.iterator().next(), id);
    }

    private static String emailFor(String role, UUID id) {
        return role.toLowerCase() + "-" + id + "@test.arbiter.local";
    }
}
