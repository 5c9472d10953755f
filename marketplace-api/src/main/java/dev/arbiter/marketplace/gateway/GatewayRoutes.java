package dev.arbiter.marketplace.gateway;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which service owns which {@code /api} path prefix (API.md); everything else is served here. */
public final class GatewayRoutes {

    private final Map<String, URI> owners = new LinkedHashMap<>();

    public GatewayRoutes(GatewayConfig config) {
        URI qualification = URI.create(config.qualificationUrl());
        URI tasks = URI.create(config.tasksUrl());
        URI payouts = URI.create(config.payoutsUrl());
        for (String prefix : List.of("/api/qualification", "/api/admin/qualifications")) {
            owners.put(prefix, qualification);
        }
        for (String prefix : List.of("/api/jobs", "/api/tasks", "/api/reviews", "/api/sessions", "/api/admin/sessions")) {
            owners.put(prefix, tasks);
        }
        for (String prefix : List.of("/api/payouts", "/api/admin/payouts", "/api/admin/ledger")) {
            owners.put(prefix, payouts);
        }
    }

    public Map<String, URI> owners() {
        return owners;
    }

    /** The upstream owning {@code path}, matching whole path segments only. */
    public Optional<URI> ownerOf(String path) {
        return owners.entrySet().stream()
                .filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
