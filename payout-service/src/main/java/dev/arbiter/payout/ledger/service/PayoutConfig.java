package dev.arbiter.payout.ledger.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** payout-service's own settings; the terms of pay (currency, multipliers, days) are {@code PlatformTerms}. */
@ConfigMapping(prefix = "arbiter.payout")
public interface PayoutConfig {

    /**
     * How long an Idempotency-Key's stored answer is kept. At least 7 days (a client retrying for up to a week
     * must get the first answer, never a second effect); a shorter setting is raised to 7 days.
     */
    @WithDefault("7d")
    Duration idempotencyRetention();

    /** How long a second request with a key still being worked on waits for the first before a 409. */
    @WithDefault("5s")
    Duration idempotencyWait();

    /** How often pending pay older than the payable-after days is made payable ({@code off} in tests: they call it). */
    @WithDefault("1h")
    String stageInterval();

    /** How often expired Idempotency-Key answers are purged ({@code off} in tests). */
    @WithDefault("1h")
    String idempotencyPurgeInterval();
}
