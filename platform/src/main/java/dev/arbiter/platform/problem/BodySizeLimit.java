package dev.arbiter.platform.problem;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Holds every request body to the limit of its endpoint ({@link BodyLimits}) with a problem+json 413.
 * A declared body ({@code Content-Length}) is refused before any of it is read. A chunked HTTP/1.1 body
 * is read here, counting, and refused as soon as it passes the limit; one that fits is handed on as the
 * request's body (Quarkus REST reads it from there), so at most the limit is ever held. An HTTP/2 body of
 * no declared length gets a 411 (see {@link #refuseUndeclared}). Streaming paths with no rule of their own pass untouched: their consumer bounds
 * them as it reads.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);
    /** What a refused sender may still push at us, discarded, before the connection is closed on it. */
    private static final long DISCARD_BEFORE_CLOSE = 8L * 1024 * 1024;

    private final BodyLimits limits;

    public BodySizeLimit(@ConfigProperty(name = "arbiter.http.max-json-body") long maxBytes,
                         @ConfigProperty(name = "arbiter.http.streaming-paths") Optional<List<String>> streamingPrefixes,
                         @ConfigProperty(name = "arbiter.http.body-limits") Optional<List<String>> endpointLimits) {
        this.limits = BodyLimits.of(maxBytes, streamingPrefixes.orElse(List.of()), endpointLimits.orElse(List.of()));
    }

    /** The limits this service applies (the gateway uses them too). */
    public BodyLimits limits() {
        return limits;
    }

    @RouteFilter(100)
    void limit(RoutingContext rc) {
        OptionalLong limit = limits.limitFor(rc.normalizedPath());
        if (limit.isEmpty()) {
            rc.next();
            return;
        }
        long max = limit.getAsLong();
        HttpServerRequest request = rc.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > max) {
                refuse(rc, max, "The body has " + length + " bytes", true);
                return;
            }
            rc.next();
            return;
        }
        boolean http1 = request.version() == HttpVersion.HTTP_1_0 || request.version() == HttpVersion.HTTP_1_1;
        if (http1 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            readBounded(rc, max);
            return;
        }
        if (!http1 && !request.isEnded()) {
            // An HTTP/2 stream that has ended cannot be handed on (Quarkus REST pauses it, which HTTP/2 refuses once
            // read), so a body of no declared length is not read here but asked for again with its length.
            refuseUndeclared(rc, max);
            return;
        }
        rc.next();
    }

    /**
     * Reads a body of unknown length up to {@code max} bytes. Past the limit the 413 goes out at once and
     * what still arrives is discarded (so that the sender can read the answer), up to a bound after which
     * the connection is closed.
     */
    private static void readBounded(RoutingContext rc, long max) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        long[] discarded = {-1};
        request.handler(chunk -> {
            if (discarded[0] >= 0) {
                discarded[0] += chunk.length();
                if (discarded[0] > DISCARD_BEFORE_CLOSE) {
                    request.connection().close();
                }
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                discarded[0] = 0;
                refuse(rc, max, "The body is larger than that", false);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (discarded[0] < 0) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.exceptionHandler(e -> LOG.debugf("Reading a request body failed: %s", e.getMessage()));
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    private static void refuseUndeclared(RoutingContext rc, long max) {
        rc.response().setStatusCode(411).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ProblemMappers.toJson(411, "length-required", "Length required",
                        "Over HTTP/2 a body here must declare its Content-Length (at most " + max
                                + " bytes); over HTTP/1.1 it may also be sent chunked", rc.normalizedPath(),
                        Map.of("maxBytes", max)));
    }

    private static void refuse(RoutingContext rc, long max, String what, boolean close) {
        if (rc.response().headWritten()) {
            return;
        }
        var response = rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(ProblemMappers.toJson(413, "payload-too-large", "Payload too large",
                what + "; at most " + max + " bytes are accepted here", rc.normalizedPath(), Map.of("maxBytes", max)));
    }
}
