package dev.arbiter.platform.problem;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared body larger than the JSON endpoints accept with a problem+json 413, before any
 * of it is read. Streaming endpoints (item uploads) are listed as exempt and bound their own input.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final List<String> exemptPrefixes;

    public BodySizeLimit(@ConfigProperty(name = "arbiter.http.max-json-body") long maxBytes,
                         @ConfigProperty(name = "arbiter.http.streaming-paths") Optional<List<String>> exemptPrefixes) {
        this.maxBytes = maxBytes;
        this.exemptPrefixes = exemptPrefixes.orElse(List.of());
    }

    @RouteFilter(100)
    void limit(RoutingContext rc) {
        String declared = rc.request().getHeader("Content-Length");
        if (declared != null && !isExempt(rc.normalizedPath())) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > maxBytes) {
                rc.response().setStatusCode(413)
                        .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                        .putHeader("Connection", "close")
                        .end(ProblemMappers.toJson(413, "payload-too-large", "Payload too large",
                                "The body has " + length + " bytes; at most " + maxBytes + " are accepted here",
                                rc.normalizedPath(), Map.of("maxBytes", maxBytes)));
                return;
            }
        }
        rc.next();
    }

    private boolean isExempt(String path) {
        return exemptPrefixes.stream().anyMatch(path::startsWith);
    }
}
