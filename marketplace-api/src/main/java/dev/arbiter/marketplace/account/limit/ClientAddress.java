package dev.arbiter.marketplace.account.limit;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for the limits: the connection's own. marketplace-api serves the
 * accounts API itself (it is the gateway), so no {@code X-Forwarded-For} is believed here: a client could
 * set one to anything.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return "unknown";
        }
        return request.remoteAddress().hostAddress();
    }
}
