package dev.arbiter.testsupport;

import java.net.URI;
import java.net.URL;

/**
 * Health and metrics live on a service's management interface, never its public port. A test injects that
 * interface's URL ({@code @TestHTTPResource(value = "/", management = true) URL management}) and asks here for a
 * path on it: only the host and port are taken, since the interface's root path is configurable.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    public static String url(URL management, String path) {
        return URI.create(management.toString()).resolve(path).toString();
    }
}
