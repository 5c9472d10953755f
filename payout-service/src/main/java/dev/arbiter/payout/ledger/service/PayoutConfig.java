package dev.arbiter.payout.ledger.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arbiter.payout")
public interface PayoutConfig {

    /** The ISO 4217 currency this deployment keeps its ledger in. */
    @WithDefault("USD")
    String currency();
}
