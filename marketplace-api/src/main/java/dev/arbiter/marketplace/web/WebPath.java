package dev.arbiter.marketplace.web;

import java.util.List;

/**
 * What a request path is to the web app, decided in one place: the API and the tools keep their own
 * behaviour (JSON 404s included), the hashed bundles are cached for a year, and any other path
 * without a file extension is a client-side route ({@code /workbench/…}) that the app's index answers.
 */
public enum WebPath {
    /** {@code /api/*}, {@code /openapi}, {@code /q/*}: not the app's business. */
    NOT_THE_APP,
    /** A bundle file whose name carries its content hash: never changes, cache it for good. */
    HASHED_ASSET,
    /** Another static file of the app (served as is, revalidated). */
    OTHER_ASSET,
    /** The app's page itself, or a client-side route the page handles. */
    PAGE;

    /** Where the Web Bundler serves the bundles ({@code quarkus.web-bundler.bundle-path}). */
    public static final String BUNDLE_PREFIX = "/static/bundle/";

    private static final List<String> NOT_APP_PREFIXES = List.of("/api/", "/q/", "/openapi/");
    private static final List<String> NOT_APP_EXACT = List.of("/api", "/q", "/openapi");

    public static WebPath of(String path) {
        if (path == null || path.isEmpty()) {
            return PAGE;
        }
        if (NOT_APP_EXACT.contains(path) || NOT_APP_PREFIXES.stream().anyMatch(path::startsWith)) {
            return NOT_THE_APP;
        }
        if (path.startsWith(BUNDLE_PREFIX)) {
            return HASHED_ASSET;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".") && !last.equals("index.html")) {
            return OTHER_ASSET;
        }
        return PAGE;
    }
}
