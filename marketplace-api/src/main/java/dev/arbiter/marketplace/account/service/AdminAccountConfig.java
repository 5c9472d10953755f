package dev.arbiter.marketplace.account.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The bootstrap admin, created at first start when no account has this email. */
@ConfigMapping(prefix = "arbiter.admin")
public interface AdminAccountConfig {

    @WithDefault("admin@arbiter.local")
    String email();

    /** Its password; when empty a random one is generated and logged once. */
    Optional<String> password();
}
