package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Account;
import dev.arbiter.marketplace.account.model.RefreshToken;
import dev.arbiter.marketplace.account.repository.AccountRepository;
import dev.arbiter.marketplace.account.repository.RefreshTokenRepository;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Issues RS256 access tokens and rotating refresh tokens. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    private final RefreshTokenRepository refreshTokens;
    private final AccountRepository accounts;
    private final AuthConfig config;

    public TokenService(RefreshTokenRepository refreshTokens, AccountRepository accounts, AuthConfig config) {
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.config = config;
    }

    /** A new token pair starting a new refresh family. Must run within a transaction. */
    public Uni<IssuedTokens> issue(Account account) {
        return issue(account, UUID.randomUUID(), null);
    }

    /**
     * Trades a refresh token for a new pair. A token that was already used (a replay, i.e. a leak)
     * revokes its whole family, so neither the thief nor the owner can keep refreshing; that
     * revocation commits even though the request itself is refused.
     */
    public Uni<IssuedTokens> refresh(String presented) {
        return rotate(presented).map(issued -> issued.orElseThrow(
                () -> ApiProblem.unauthorized("The refresh token was already used; sign in again")));
    }

    /** The new pair, or empty when the token was replayed (its family is then revoked). */
    @WithTransaction
    Uni<Optional<IssuedTokens>> rotate(String presented) {
        Instant now = Instant.now();
        return refreshTokens.findByHash(SecretCodes.digest(presented))
                .onItem().ifNull().failWith(() -> ApiProblem.unauthorized("Unknown refresh token"))
                .chain(token -> {
                    if (token.revokedAt != null || !now.isBefore(token.expiresAt) || !now.isBefore(token.familyExpiresAt)) {
                        return Uni.createFrom().failure(ApiProblem.unauthorized("The refresh token has expired or was revoked"));
                    }
                    return accounts.findById(token.accountId).chain(account -> {
                        // removed or disabled since the sign-in: nothing is changed, and nothing issued
                        if (account == null || account.disabledAt != null) {
                            return Uni.createFrom().failure(ApiProblem.unauthorized(
                                    "The account of this refresh token no longer exists or is disabled"));
                        }
                        return refreshTokens.markUsed(token.id, now).chain(first -> {
                            if (!first) {
                                LOG.warnf("Refresh token reuse for account %s: revoking its family", token.accountId);
                                return refreshTokens.revokeFamily(token.familyId, now)
                                        .map(revoked -> Optional.<IssuedTokens>empty());
                            }
                            return issue(account, token.familyId, token.familyExpiresAt).map(Optional::of);
                        });
                    });
                });
    }

    /**
     * Signs out: the presented refresh token's whole family stops working, so every token rotated
     * from the same sign-in is dead too. An unknown token changes nothing (the caller is signed out
     * either way). True when a family was found.
     */
    @WithTransaction
    public Uni<Boolean> revoke(String presented) {
        return refreshTokens.findByHash(SecretCodes.digest(presented)).chain(token -> token == null
                ? Uni.createFrom().item(false)
                : refreshTokens.revokeFamily(token.familyId, Instant.now()).map(revoked -> true));
    }

    /** A token of family {@code familyId}, which ends at {@code familyExpiresAt} (null: a new family, starting now). */
    private Uni<IssuedTokens> issue(Account account, UUID familyId, Instant familyExpiresAt) {
        String code = SecretCodes.newCode();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.accountId = account.id;
        token.familyId = familyId;
        token.tokenHash = SecretCodes.digest(code);
        token.createdAt = Instant.now();
        token.familyExpiresAt = familyExpiresAt != null ? familyExpiresAt : token.createdAt.plus(config.refreshFamilyTtl());
        Instant own = token.createdAt.plus(config.refreshTokenTtl());
        token.expiresAt = own.isBefore(token.familyExpiresAt) ? own : token.familyExpiresAt;
        return refreshTokens.persist(token).map(saved -> new IssuedTokens(accessToken(account), code,
                config.accessTokenTtl().toSeconds(), saved.expiresAt));
    }

    private String accessToken(Account account) {
        JwtClaimsBuilder claims = Jwt.subject(account.id.toString())
                .upn(account.email)
                .groups(Set.of(account.role.name()))
                .claim("name", account.displayName)
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(config.accessTokenTtl());
        if (account.organizationId != null) {
            claims.claim(Roles.ORGANIZATION_CLAIM, account.organizationId.toString());
        }
        return claims.sign();
    }
}
