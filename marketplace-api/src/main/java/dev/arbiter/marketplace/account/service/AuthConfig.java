package dev.arbiter.marketplace.account.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "arbiter.auth")
public interface AuthConfig {

    /** Lifetime of an access token; short, because it cannot be revoked. */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token; each use rotates it, and the new one lives this long again (within the family's). */
    @WithDefault("14d")
    Duration refreshTokenTtl();

    /**
     * Absolute lifetime of a sign-in: every refresh token rotated from one login stops working this long
     * after the login, however often it was rotated.
     */
    @WithDefault("30d")
    Duration refreshFamilyTtl();

    /** bcrypt cost factor (log2 of the rounds). */
    @WithDefault("11")
    int bcryptCost();

    /** How long an organization invitation code stays valid. */
    @WithDefault("7d")
    Duration invitationTtl();
}
