package dev.arbiter.marketplace.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the web app from the gateway's own origin (so it calls {@code /api} without CORS). The
 * Web Bundler serves {@code /} (the index rendered at build time) and the bundles; this adds what a
 * browser needs around them:
 * <ul>
 *   <li>client-side routes ({@code /workbench/…}, {@code /jobs}) answer the index, so a reload or a
 *       shared link opens the app where it was;</li>
 *   <li>on every response of the app: a Content-Security-Policy that allows scripts, styles and calls
 *       from this origin only (no inline script, no framing), {@code nosniff} and a referrer policy;</li>
 *   <li>a year's cache for bundles whose names carry their hash, and {@code no-cache} for the index,
 *       so a new build is picked up at the next load.</li>
 * </ul>
 * {@code /api/*}, {@code /openapi} and {@code /q/*} are left exactly as they were.
 */
@ApplicationScoped
public class WebAppRoutes {

    /**
     * Styles: Lit adopts constructed style sheets, which a CSP does not govern; the bundled CSS is a
     * file of this origin, so no {@code 'unsafe-inline'} is needed for either.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        // Before the static handlers and the REST layer, after the gateway's own routes (order -100).
        router.route().order(-50).handler(this::decorate);
    }

    private void decorate(RoutingContext rc) {
        WebPath kind = WebPath.of(rc.normalizedPath());
        if (kind == WebPath.NOT_THE_APP) {
            rc.next();
            return;
        }
        HttpServerResponse response = rc.response();
        response.headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY");
        // Set as the headers go out, so the static handler's own caching headers do not win.
        String cacheControl = kind == WebPath.HASHED_ASSET ? "public, max-age=31536000, immutable" : "no-cache";
        rc.addHeadersEndHandler(v -> response.headers().set("Cache-Control", cacheControl));
        boolean read = rc.request().method() == HttpMethod.GET || rc.request().method() == HttpMethod.HEAD;
        String path = rc.normalizedPath();
        if (kind == WebPath.PAGE && read && !path.equals("/") && !path.equals("/index.html")) {
            rc.reroute("/");
            return;
        }
        rc.next();
    }
}
