package dev.arbiter.marketplace.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the gateway sends the paths that other services own. */
@ConfigMapping(prefix = "arbiter.gateway")
public interface GatewayConfig {

    /** Base URL of qualification-service, e.g. {@code http://qualification-service:8080}. */
    String qualificationUrl();

    /** Base URL of task-service. */
    String tasksUrl();

    /** Base URL of payout-service. */
    String payoutsUrl();

    /** Connections kept per upstream service. */
    @WithDefault("64")
    int maxConnectionsPerService();

    /** How long to wait for an upstream to accept a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** An upstream silent for this long is given up on (exports stream continuously, so they stay alive). */
    @WithDefault("120s")
    Duration idleTimeout();

    /** How long {@code GET /openapi} waits for each upstream's OpenAPI document before leaving its paths out. */
    @WithDefault("3s")
    Duration openapiTimeout();

    /** How long an upstream's OpenAPI document is reused before it is fetched again. */
    @WithDefault("30s")
    Duration openapiCacheFor();
}
