package dev.arbiter.marketplace.gateway;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gateway's one route table: which service owns which {@code /api} path prefix (matched on whole
 * path segments); every other path is served here. What else follows from the table (bodies that
 * stream through unbounded, requests timed by their owner) is derived from it by
 * {@link GatewayRouteSettings}.
 */
public final class GatewayRoutes {

    /** The services behind the gateway and the path prefixes each owns: plain segments, no patterns. */
    enum Upstream {
        QUALIFICATION(GatewayConfig::qualificationUrl, "/api/qualification", "/api/admin/qualifications"),
        TASKS(GatewayConfig::tasksUrl, "/api/jobs", "/api/tasks", "/api/reviews", "/api/sessions", "/api/admin/sessions"),
        PAYOUTS(GatewayConfig::payoutsUrl, "/api/payouts", "/api/admin/payouts", "/api/admin/ledger");

        private final Function<GatewayConfig, String> url;
        private final List<String> prefixes;

        Upstream(Function<GatewayConfig, String> url, String... prefixes) {
            this.url = url;
            this.prefixes = List.of(prefixes);
        }
    }

    private final Map<String, URI> owners = new LinkedHashMap<>();

    public GatewayRoutes(GatewayConfig config) {
        for (Upstream upstream : Upstream.values()) {
            URI url = URI.create(upstream.url.apply(config));
            upstream.prefixes.forEach(prefix -> owners.put(prefix, url));
        }
    }

    /** Every path prefix the gateway forwards. */
    static List<String> prefixes() {
        return Arrays.stream(Upstream.values()).flatMap(upstream -> upstream.prefixes.stream()).toList();
    }

    /** Path prefix → the base URL of the service that owns it. */
    public Map<String, URI> owners() {
        return owners;
    }
}
