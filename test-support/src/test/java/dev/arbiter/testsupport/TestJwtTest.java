package dev.arbiter.testsupport;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Verifies tokens the way a service does: RS256, the test public key, the issuer, exp. */
class TestJwtTest {

    private final JwtConsumer verifier = new JwtConsumerBuilder()
            .setVerificationKey(TestInfra.jwtKeys().loadPublicKey())
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .setExpectedIssuer(TestJwt.ISSUER)
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setRequireJwtId()
            .setAllowedClockSkewInSeconds(60)
            .build();

    @Test
    void shouldMintALabTokenWithEveryClaimAServiceReads() throws Exception {
        UUID id = UUID.randomUUID();
        UUID org = UUID.randomUUID();

        JwtClaims claims = verifier.processToClaims(TestJwt.lab(id, org));

        assertEquals(id.toString(), claims.getSubject());
        assertEquals(List.of("LAB"), claims.getStringListClaimValue("groups"));
        assertEquals(org.toString(), claims.getStringClaimValue("org"));
        assertNotNull(claims.getStringClaimValue("upn"));
        assertNotNull(claims.getStringClaimValue("name"));
    }

    @Test
    void shouldLeaveOutTheOrganizationForExpertsAndAdmins() throws Exception {
        JwtClaims expert = verifier.processToClaims(TestJwt.expert(UUID.randomUUID()));
        JwtClaims admin = verifier.processToClaims(TestJwt.admin(UUID.randomUUID()));

        assertEquals(List.of("EXPERT"), expert.getStringListClaimValue("groups"));
        assertEquals(List.of("ADMIN"), admin.getStringListClaimValue("groups"));
        assertEquals(null, expert.getClaimValue("org"));
    }

    @Test
    void shouldHonourTheRequestedLifetime() throws Exception {
        JwtClaims claims = verifier.processToClaims(TestJwt.token(UUID.randomUUID(), "x@y.z", Set.of("EXPERT", "ADMIN"),
                null, Duration.ofMinutes(2)));

        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(120, lifetime);
    }

    @Test
    void shouldMintTokensThatAServiceRejects() {
        assertThrows(InvalidJwtException.class, () -> verifier.processToClaims(TestJwt.expired(UUID.randomUUID(), Set.of("EXPERT"))));
        assertThrows(InvalidJwtException.class, () -> verifier.processToClaims(TestJwt.forged(UUID.randomUUID(), Set.of("EXPERT"))));
    }
}
