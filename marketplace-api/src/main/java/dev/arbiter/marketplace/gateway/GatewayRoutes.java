package dev.arbiter.marketplace.gateway;

import java.net.URI;
import java.util.ArrayList;
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
        QUALIFICATION("qualification-service", "arbiter.gateway.qualification-url", GatewayConfig::qualificationUrl,
                "/api/qualification", "/api/admin/qualifications", "/api/admin/events/qualification-service"),
        TASKS("task-service", "arbiter.gateway.tasks-url", GatewayConfig::tasksUrl,
                "/api/jobs", "/api/tasks", "/api/reviews", "/api/sessions", "/api/admin/sessions",
                "/api/admin/events/task-service"),
        PAYOUTS("payout-service", "arbiter.gateway.payouts-url", GatewayConfig::payoutsUrl,
                "/api/payouts", "/api/admin/payouts", "/api/admin/ledger", "/api/admin/labs",
                "/api/admin/events/payout-service");

        private final String service;
        private final String setting;
        private final Function<GatewayConfig, String> url;
        private final List<String> prefixes;

        Upstream(String service, String setting, Function<GatewayConfig, String> url, String... prefixes) {
            this.service = service;
            this.setting = setting;
            this.url = url;
            this.prefixes = List.of(prefixes);
        }
    }

    /** One service behind the gateway: its name, the base URL of its first replica and the path prefixes it owns. */
    public record Service(String name, URI url, List<String> prefixes) {

        /** Whether the gateway forwards {@code path} (a request path or an OpenAPI path template) here. */
        public boolean owns(String path) {
            return GatewayRoutes.under(path, prefixes);
        }
    }

    private final Map<String, GatewayUpstreams> owners = new LinkedHashMap<>();
    private final List<Service> services;

    public GatewayRoutes(GatewayConfig config) {
        List<Service> all = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            GatewayUpstreams replicas = GatewayUpstreams.parse(upstream.service, upstream.setting, upstream.url.apply(config));
            upstream.prefixes.forEach(prefix -> owners.put(prefix, replicas));
            all.add(new Service(upstream.service, replicas.urls().get(0), upstream.prefixes));
        }
        this.services = List.copyOf(all);
    }

    /** Whether {@code path} lies under one of {@code prefixes}, on whole path segments. */
    static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** Whether the gateway forwards {@code path} to another service (so this one never serves it). */
    public static boolean forwarded(String path) {
        return under(path, prefixes());
    }

    /** The services behind the gateway, in table order. */
    public List<Service> services() {
        return services;
    }

    /** Every path prefix the gateway forwards. */
    static List<String> prefixes() {
        return Arrays.stream(Upstream.values()).flatMap(upstream -> upstream.prefixes.stream()).toList();
    }

    /** Path prefix → the replicas of the service that owns it (one turn shared by all of its prefixes). */
    public Map<String, GatewayUpstreams> owners() {
        return owners;
    }
}
