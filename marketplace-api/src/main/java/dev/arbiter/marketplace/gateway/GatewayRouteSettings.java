package dev.arbiter.marketplace.gateway;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The settings that follow from the route table, derived here so that the table is said once:
 * <ul>
 * <li>{@code arbiter.http.streaming-paths}: proxied bodies stream through without this service's JSON
 * size limit; the owning service bounds them;</li>
 * <li>{@code quarkus.micrometer.binder.http-server.ignore-patterns}: proxied requests are timed by the
 * service that owns them, not a second time here.</li>
 * </ul>
 * Registered in {@code META-INF/services}; its ordinal sits below {@code application.properties}
 * (250), so a deployment can still override either.
 */
public class GatewayRouteSettings implements ConfigSource {

    static final String STREAMING_PATHS = "arbiter.http.streaming-paths";
    static final String UNTIMED_PATHS = "quarkus.micrometer.binder.http-server.ignore-patterns";

    private static final Map<String, String> SETTINGS = Map.of(
            STREAMING_PATHS, String.join(",", GatewayRoutes.prefixes()),
            UNTIMED_PATHS, GatewayRoutes.prefixes().stream().map(prefix -> prefix + "(/.*)?")
                    .collect(Collectors.joining(",")));

    @Override
    public Map<String, String> getProperties() {
        return SETTINGS;
    }

    @Override
    public Set<String> getPropertyNames() {
        return SETTINGS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return SETTINGS.get(propertyName);
    }

    @Override
    public String getName() {
        return "gateway-route-table";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
