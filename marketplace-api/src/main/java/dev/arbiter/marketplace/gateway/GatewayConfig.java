package dev.arbiter.marketplace.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Where the gateway sends the paths that other services own. */
@ConfigMapping(prefix = "arbiter.gateway")
public interface GatewayConfig {

    /**
     * Base URL of qualification-service, e.g. {@code http://qualification-service:8080}; for several replicas
     * the URL of each, separated by commas (requests take turns, {@link GatewayUpstreams}).
     */
    String qualificationUrl();

    /** Base URL of task-service, or of each of its replicas, separated by commas. */
    String tasksUrl();

    /** Base URL of payout-service, or of each of its replicas, separated by commas. */
    String payoutsUrl();

    /** Connections kept per upstream service. */
    @WithDefault("64")
    int maxConnectionsPerService();

    /** How long to wait for an upstream to accept a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * An upstream connection with no traffic either way for this long is given up on; on a streaming route
     * ({@link #streamingRoutes}) this is the only bound, so an upload or export may take as long as it keeps
     * moving. Before any answer byte it is a 504 problem.
     */
    @WithDefault("120s")
    Duration idleTimeout();

    /**
     * The longest a forwarded request on any other route may take, from its arrival to the end of its answer;
     * when it passes before the answer has begun the client gets a 504 problem (after, the connection is cut).
     */
    @WithDefault("60s")
    Duration requestTimeout();

    /**
     * The routes whose bodies are long streams (item uploads, exports, statements, payout files): whole path
     * segments, {@code *} for any one. They have no total time, only {@link #idleTimeout}.
     */
    @WithDefault("/api/jobs/*/items,/api/jobs/*/export,/api/payouts/me/statement,/api/admin/payouts/batches/*/export.csv")
    List<String> streamingRoutes();

    /** How long {@code GET /openapi} waits for each upstream's OpenAPI document before leaving its paths out. */
    @WithDefault("3s")
    Duration openapiTimeout();

    /** How long an upstream's OpenAPI document is reused before it is fetched again. */
    @WithDefault("30s")
    Duration openapiCacheFor();
}
