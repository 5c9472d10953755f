package dev.arbiter.marketplace.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two stand-ins for the services behind the gateway, each answering with its own name, what it
 * received, and on request a long streamed body; the third upstream is a port nobody listens on.
 * Each also serves an OpenAPI document at {@code /q/openapi} ({@link #openapi}): paths the gateway
 * routes to it, paths it does not (an internal one, one another service owns), and a {@code Money}
 * schema that is the same in both and a {@code Status} schema that is not.
 */
public class StandInUpstreams implements QuarkusTestResourceLifecycleManager {

    /** Bytes in a streamed export answer. */
    public static final int EXPORT_BYTES = 64 * 1024 * 1024;

    /** Exports whose reader went away before the end (the gateway passed a client's disconnect on). */
    public static final AtomicInteger EXPORTS_CUT_SHORT = new AtomicInteger();

    /** Judgment bodies that reached an upstream (a body refused at the gateway never does). */
    public static final AtomicInteger JUDGMENTS_RECEIVED = new AtomicInteger();

    /** Lines of a slow export ({@code ?slow}), one each half second. */
    public static final int SLOW_LINES = 12;

    /** Held open by requests to a path ending in {@code /silent} (or with {@code silent} in the query), which are never answered until the stop. */
    private static final CountDownLatch SILENCE = new CountDownLatch(1);

    private HttpServer qualification;
    private HttpServer tasks;

    @Override
    public Map<String, String> start() {
        qualification = serve("qualification");
        tasks = serve("tasks");
        return Map.of(
                "arbiter.gateway.qualification-url", "http://127.0.0.1:" + qualification.getAddress().getPort(),
                "arbiter.gateway.tasks-url", "http://127.0.0.1:" + tasks.getAddress().getPort(),
                "arbiter.gateway.payouts-url", "http://127.0.0.1:" + deadPort(),
                // short, so that tests can watch them fire on an upstream that never answers; idle > total, so that
                // which one fired shows
                "arbiter.gateway.request-timeout", "4s",
                "arbiter.gateway.idle-timeout", "8s");
    }

    @Override
    public void stop() {
        SILENCE.countDown();
        qualification.stop(0);
        tasks.stop(0);
    }

    private static HttpServer serve(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> answer(name, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/q/openapi")) {
                byte[] document = openapi(name).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
                return;
            }
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (exchange.getRequestURI().getPath().endsWith("/silent") || query.contains("silent")) {
                try {
                    SILENCE.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (query.contains("slow")) {
                // a producer that takes longer than the gateway's total time but never stops moving for long
                exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < SLOW_LINES; i++) {
                        out.write(("{\"row\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/export")) {
                exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0); // chunked
                byte[] line = ("{\"row\":\"" + "r".repeat(1000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = exchange.getResponseBody()) {
                    int written = 0;
                    while (written < EXPORT_BYTES) {
                        int n = Math.min(line.length, EXPORT_BYTES - written);
                        out.write(line, 0, n);
                        written += n;
                    }
                } catch (IOException cut) {
                    EXPORTS_CUT_SHORT.incrementAndGet();
                }
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/judgment")) {
                JUDGMENTS_RECEIVED.incrementAndGet();
            }
            long received = 0;
            MessageDigest sha = sha256();
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    received += n;
                }
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String body = "{\"upstream\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"uri\":\"" + exchange.getRequestURI() + "\",\"authorization\":\"" + (auth == null ? "" : auth)
                    + "\",\"forwardedFor\":\"" + header(exchange, "X-Forwarded-For")
                    + "\",\"realIp\":\"" + header(exchange, "X-Real-IP")
                    + "\",\"forwarded\":\"" + header(exchange, "Forwarded")
                    + "\",\"secret\":\"" + header(exchange, "X-Secret")
                    + "\",\"received\":" + received + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Upstream", name);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("missing") ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The stand-in's OpenAPI document: {@code routed} is what the gateway forwards to it. */
    static String openapi(String name) {
        String routed = name.equals("tasks") ? "/api/jobs/{id}" : "/api/qualification/panel";
        String status = name.equals("tasks") ? "[\"OPEN\",\"DONE\"]" : "[\"VALID\",\"REJECTED\"]";
        return """
                {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
                 "paths":{
                   "%2$s":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object","properties":{
                     "status":{"$ref":"#/components/schemas/Status"},"price":{"$ref":"#/components/schemas/Money"}}}}}}}}},
                   "/api/%1$s-money":{"get":{"responses":{"200":{"description":"not routed here","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Money"}}}}}}},
                   "/internal/%1$s/replay":{"post":{"responses":{"204":{"description":"internal","content":{"application/json":{"schema":{"$ref":"#/components/schemas/InternalOnly"}}}}}}},
                   "/api/me":{"get":{"responses":{"200":{"description":"owned by marketplace-api"}}}}},
                 "components":{"schemas":{
                   "Status":{"type":"string","enum":%3$s},
                   "Money":{"type":"object","properties":{"amountMinor":{"type":"integer"},"currency":{"type":"string"}}},
                   "InternalOnly":{"type":"string"}}}}
                """.formatted(name, routed, status);
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value.replace("\"", "'");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
