package dev.arbiter.marketplace.gateway;

import dev.arbiter.platform.problem.BodyLimits;
import dev.arbiter.platform.problem.ProblemMappers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Forwards the {@code /api} paths other services own, streaming bodies both ways: the request body
 * is piped upstream as it arrives and the answer is piped back as it is produced, so a multi-gigabyte
 * export or upload never sits in this process's memory. The {@code Authorization} header passes
 * through untouched; every service verifies the token itself.
 *
 * <p>Time: a request on a streaming route (uploads, exports; {@link GatewayConfig#streamingRoutes}) may take
 * as long as it keeps moving ({@link GatewayConfig#idleTimeout}); any other has a total
 * ({@link GatewayConfig#requestTimeout}). Either, when it passes before the answer has begun, is a 504 problem.
 */
@ApplicationScoped
public class GatewayProxy {

    private static final Logger LOG = Logger.getLogger(GatewayProxy.class);
    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH);

    private final GatewayRoutes routes;
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final List<String> streamingRoutes;
    /**
     * One client (and connection pool) per event loop: a connection is bound to the loop that opened
     * it, so a shared pool would hand the answer to another thread on most requests.
     */
    private final Map<Thread, HttpClient> clientPerEventLoop = new ConcurrentHashMap<>();

    public GatewayProxy(Vertx vertx, GatewayConfig config) {
        this.routes = new GatewayRoutes(config);
        this.vertx = vertx;
        this.requestTimeout = config.requestTimeout();
        this.idleTimeout = config.idleTimeout();
        this.streamingRoutes = List.copyOf(config.streamingRoutes());
        this.clientOptions = new HttpClientOptions()
                .setMaxPoolSize(config.maxConnectionsPerService())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds());
    }

    void register(@Observes Router router) {
        for (Map.Entry<String, GatewayUpstreams> owner : routes.owners().entrySet()) {
            router.routeWithRegex("^" + Pattern.quote(owner.getKey()) + "(/.*)?$")
                    // after platform's BodySizeLimit (a route filter of priority 100, i.e. order -100)
                    .order(-99)
                    .handler(rc -> forward(rc, owner.getValue()));
        }
    }

    private void forward(RoutingContext rc, GatewayUpstreams upstream) {
        HttpServerRequest in = rc.request();
        HttpServerResponse out = rc.response();
        String path = in.path();
        // BodySizeLimit has already read a body of undeclared length on a route with a limit of its own (a
        // judgment, a draft, a dispute) and refused it if too large; such a body is sent on whole.
        Buffer buffered = rc.body() == null ? null : rc.body().buffer();
        if (buffered == null) {
            in.pause();
        }
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // when a byte last moved either way (request body up, answer down): a streaming route's only clock
        AtomicLong lastTraffic = new AtomicLong(System.nanoTime());
        long timer;
        if (isStreamingRoute(path)) {
            long idleNanos = idleTimeout.toNanos();
            long checkEvery = Math.max(100, Math.min(1000, idleTimeout.toMillis() / 4));
            timer = vertx.setPeriodic(checkEvery, check -> {
                if (System.nanoTime() - lastTraffic.get() > idleNanos) {
                    vertx.cancelTimer(check);
                    timedOut(out, path, sent.get(), "nothing moved within the idle timeout");
                }
            });
        } else {
            timer = vertx.setTimer(requestTimeout.toMillis(),
                    fired -> timedOut(out, path, sent.get(), "no complete answer within the request timeout"));
        }
        rc.addEndHandler(ended -> vertx.cancelTimer(timer));
        Runnable moved = () -> lastTraffic.set(System.nanoTime());
        // the replica is chosen as the connection is made (GatewayUpstreams sets host and port)
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setURI(in.uri());
        HttpClient client = clientPerEventLoop.computeIfAbsent(Thread.currentThread(),
                thread -> vertx.createHttpClient(clientOptions));
        upstream.open(client, options).onComplete(opened -> {
            if (opened.failed()) {
                if (buffered == null) {
                    in.resume();
                }
                fail(out, path, opened.cause());
                return;
            }
            var upstreamRequest = opened.result();
            if (out.ended()) {
                upstreamRequest.reset();
                return;
            }
            sent.set(upstreamRequest);
            Set<String> named = namedInConnection(in.getHeader(HttpHeaders.CONNECTION));
            in.headers().forEach(h -> {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !clientClaimsOrigin(name)) {
                    upstreamRequest.headers().add(h.getKey(), h.getValue());
                }
            });
            // the address the connection came from, without its port: never what the client says it is
            if (in.remoteAddress() != null && in.remoteAddress().hostAddress() != null) {
                upstreamRequest.putHeader("X-Forwarded-For", in.remoteAddress().hostAddress());
            }
            upstreamRequest.putHeader("X-Forwarded-Host", String.valueOf(in.authority()));
            upstreamRequest.putHeader("X-Forwarded-Proto", in.scheme());
            Future<HttpClientResponse> answer;
            if (buffered != null) {
                upstreamRequest.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(buffered.length()));
                answer = upstreamRequest.send(buffered);
            } else {
                // HTTP/2 and chunked requests announce no length: a method that carries a body always streams one.
                boolean hasBody = in.headers().contains(HttpHeaders.CONTENT_LENGTH)
                        || in.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                        || BODY_METHODS.contains(in.method());
                if (hasBody && !in.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                    upstreamRequest.setChunked(true);
                }
                if (hasBody) {
                    answer = upstreamRequest.response();
                    pipeBody(in, upstreamRequest, out, moved);
                } else {
                    in.resume();
                    answer = upstreamRequest.send();
                }
            }
            answer.onComplete(result -> {
                if (result.failed()) {
                    fail(out, path, result.cause());
                    return;
                }
                if (out.ended()) {
                    result.result().request().reset();
                    return;
                }
                relay(result.result(), out, moved);
            });
        });
    }

    /**
     * Sends the client's body upstream as it arrives, with back-pressure, noting each chunk as traffic. Once the
     * answer has been given (the owner refused the body early, or time ran out) the rest is read and dropped.
     */
    private static void pipeBody(HttpServerRequest in, HttpClientRequest upstreamRequest, HttpServerResponse out,
                                 Runnable moved) {
        in.handler(chunk -> {
            moved.run();
            if (out.ended()) {
                return;
            }
            upstreamRequest.write(chunk);
            if (upstreamRequest.writeQueueFull()) {
                in.pause();
                upstreamRequest.drainHandler(drained -> in.resume());
            }
        });
        in.endHandler(ended -> {
            if (!out.ended()) {
                upstreamRequest.end();
            }
        });
        in.exceptionHandler(e -> {
            LOG.debugf("Client's body stream failed: %s", e.getMessage());
            upstreamRequest.reset();
        });
        in.resume();
    }

    private boolean isStreamingRoute(String path) {
        return streamingRoutes.stream().anyMatch(route -> BodyLimits.matches(route, path));
    }

    /**
     * The request took longer than it may: the upstream request is dropped (so the service stops working on
     * it) and the client told so, as a 504 when nothing of the answer has gone out yet.
     */
    private static void timedOut(HttpServerResponse out, String path, HttpClientRequest upstreamRequest, String why) {
        if (out.ended()) {
            return;
        }
        LOG.warnf("Gateway gave up on %s: %s", path, why);
        if (out.headWritten()) {
            out.reset();
        } else {
            gatewayTimeout(out, path);
        }
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    private static void gatewayTimeout(HttpServerResponse out, String path) {
        out.setStatusCode(504)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .end(ProblemMappers.toJson(504, "upstream-timeout", "Gateway timeout",
                        "The service that owns this path did not answer in time; try again shortly", path, Map.of()));
    }

    /** Headers by which a client would claim another origin: only the gateway sets these. */
    private static boolean clientClaimsOrigin(String lowerCaseName) {
        return lowerCaseName.startsWith("x-forwarded-") || lowerCaseName.equals("forwarded") || lowerCaseName.equals("x-real-ip");
    }

    /** The headers a {@code Connection} header names belong to this hop too (RFC 9110 §7.6.1). */
    private static Set<String> namedInConnection(String connection) {
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (String token : connection.split(",")) {
            if (!token.isBlank()) {
                named.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static void relay(HttpClientResponse upstream, HttpServerResponse out, Runnable moved) {
        out.setStatusCode(upstream.statusCode());
        out.setStatusMessage(upstream.statusMessage());
        upstream.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                out.headers().add(h.getKey(), h.getValue());
            }
        });
        String length = upstream.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() <= 5) {
            // A small answer of known length (the common JSON case) goes out in one write.
            upstream.body().onComplete(body -> {
                if (body.succeeded()) {
                    out.end(body.result());
                } else {
                    out.reset();
                }
            });
            return;
        }
        if (length == null) {
            out.setChunked(true);
        }
        stream(upstream, out, moved);
    }

    /**
     * Copies the upstream's answer to the client with back-pressure. A client may leave at any point
     * (a lab script that read enough of an export, a closed tab): that is no error, so it is logged at
     * debug level, and the upstream request is reset so the service stops producing what nobody reads.
     * (Vert.x's {@code pipeTo} would keep writing into the closed response and report each write as an
     * uncaught exception.)
     */
    private static void stream(HttpClientResponse upstream, HttpServerResponse out, Runnable moved) {
        out.closeHandler(closed -> {
            if (!out.ended()) {
                LOG.debugf("Client left before the end of the answer; resetting the upstream request");
                upstream.request().reset();
            }
        });
        out.exceptionHandler(e -> LOG.debugf("Gateway stream to the client failed: %s", e.getMessage()));
        upstream.exceptionHandler(e -> {
            LOG.debugf("Upstream stream ended early: %s", e.getMessage());
            if (!out.closed()) {
                out.reset();
            }
        });
        upstream.handler(chunk -> {
            moved.run();
            if (out.closed()) {
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                upstream.pause();
                out.drainHandler(drained -> upstream.resume());
            }
        });
        upstream.endHandler(done -> {
            if (!out.closed()) {
                out.end();
            }
        });
    }

    private static void fail(HttpServerResponse out, String path, Throwable cause) {
        if (out.ended()) {
            return;   // already answered (a timeout), or the client left
        }
        LOG.warnf("Gateway could not reach the upstream for %s: %s", path, cause.getMessage());
        if (out.headWritten()) {
            out.reset();
            return;
        }
        out.setStatusCode(502)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .end(ProblemMappers.toJson(502, "upstream-unavailable", "Bad gateway",
                        "The service that owns this path did not answer; try again shortly", path, Map.of()));
    }
}
