package dev.arbiter.marketplace.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.testsupport.ManagementPort;
import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "marketplace"))
@WithTestResource(StandInUpstreams.class)
class GatewayProxyTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Test
    void shouldRouteEachPathToItsOwnerKeepingQueryAndAuthorization() {
        given().auth().oauth2("the-callers-token").get("/api/jobs/42/progress?x=1&y=2").then()
                .statusCode(200)
                .body("upstream", equalTo("tasks"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/jobs/42/progress?x=1&y=2"))
                .body("authorization", equalTo("Bearer the-callers-token"));
        given().get("/api/qualification/panel").then().statusCode(200).body("upstream", equalTo("qualification"));
        given().get("/api/admin/qualifications").then().statusCode(200).body("upstream", equalTo("qualification"));
        given().delete("/api/sessions/s1").then().statusCode(200).body("upstream", equalTo("tasks"))
                .body("method", equalTo("DELETE"));
    }

    @Test
    void shouldTellTheUpstreamTheConnectionsAddressNotWhatTheClientClaims() {
        given().header("X-Forwarded-For", "6.6.6.6").header("X-Real-IP", "6.6.6.6").header("Forwarded", "for=6.6.6.6")
                .header("X-Forwarded-Host", "evil.example").header("Connection", "keep-alive, X-Secret")
                .header("X-Secret", "for this hop only")
                .get("/api/jobs/42/progress").then().statusCode(200)
                .body("forwardedFor", equalTo("127.0.0.1"))
                .body("realIp", equalTo(""))
                .body("forwarded", equalTo(""))
                .body("secret", equalTo(""));
    }

    @Test
    void shouldMatchWholePathSegmentsOnly() {
        // /api/jobsearch is not /api/jobs: it stays here, where nothing serves it.
        given().get("/api/jobsearch").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldLeaveTheTimingOfProxiedRequestsToTheirOwners() {
        given().get("/api/qualification/panel").then().statusCode(200);
        given().get("/api/jobs/7/progress").then().statusCode(200);
        given().get("/api/me").then().statusCode(401);

        given().get("/q/metrics").then().statusCode(404); // metrics are not public
        String metrics = given().get(ManagementPort.url(management, "/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/api/me\""), "requests served here are timed");
        assertFalse(metrics.contains("uri=\"/api/qualification"), "proxied requests are timed by their owner");
        assertFalse(metrics.contains("uri=\"/api/jobs"), "proxied requests are timed by their owner");
    }

    @Test
    void shouldPassTheUpstreamsStatusThrough() {
        given().get("/api/tasks/missing").then().statusCode(404).header("X-Upstream", "tasks");
    }

    @Test
    void shouldAnswer502ProblemWhenTheOwnerIsDown() {
        given().get("/api/payouts/me").then().statusCode(502).contentType("application/problem+json")
                .body("status", equalTo(502));
    }

    @Test
    void shouldStreamALargeUploadUpstreamUnbuffered() throws Exception {
        long size = 48L * 1024 * 1024;
        MessageDigest sha = StandInUpstreams.sha256();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/jobs/7/items"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.fromPublisher(patternBody(size, sha)))   // chunked: no length
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonPath json = JsonPath.from(response.body());
        assertEquals(size, json.getLong("received"));
        assertEquals(HexFormat.of().formatHex(sha.digest()), json.getString("sha256"));
    }

    @Test
    void shouldForwardADeclaredBodyLargerThanItsOwnJsonLimit() throws Exception {
        byte[] body = new byte[256 * 1024];
        HttpResponse<String> proxied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/jobs/7/items"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, proxied.statusCode(), proxied.body());

        HttpResponse<String> local = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, local.statusCode(), "this service's own JSON endpoints keep their limit");
    }

    @Test
    void shouldStreamALargeExportBackWhole() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/jobs/7/export?format=trl")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        assertEquals(StandInUpstreams.EXPORT_BYTES, total);
    }

    @Test
    void shouldLetAClientLeaveAnExportMidStreamQuietlyAndStopTheUpstream() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                        || (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getThrown() != null)) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            int cutBefore = StandInUpstreams.EXPORTS_CUT_SHORT.get();
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/jobs/7/export?format=trl HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                long read = 0;
                while (read < 256 * 1024) {
                    int n = in.read(buffer);
                    assertTrue(n > 0, "the export streams");
                    read += n;
                }
                socket.setSoLinger(true, 0); // leave with a reset, as a killed client does
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> StandInUpstreams.EXPORTS_CUT_SHORT.get() > cutBefore);
            assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                    "a client that leaves is no error");
        } finally {
            root.removeHandler(capture);
        }
    }

    @Test
    void shouldAnswer504ProblemWhenTheOwnerNeverAnswers() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/reviews/silent"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertEquals(504, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(504, JsonPath.from(response.body()).getInt("status"));
        assertTrue(seconds >= 3 && seconds < 30, "the configured 4 s request timeout fired, after " + seconds + " s");
    }

    @Test
    void shouldGiveAStreamingRouteNoTotalTimeOnlyAnIdleOne() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> slow = http11().send(HttpRequest.newBuilder(URI.create(base() + "/api/jobs/7/export?slow=1"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        long slowSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertEquals(200, slow.statusCode());
        assertEquals(StandInUpstreams.SLOW_LINES, slow.body().lines().count(),
                "an export that keeps moving outlasts the 4 s total, after " + slowSeconds + " s");

        started = System.nanoTime();
        HttpResponse<String> silent = http11().send(HttpRequest.newBuilder(URI.create(base() + "/api/jobs/7/export?silent=1"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        long silentSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertEquals(504, silent.statusCode(), silent.body());
        assertEquals("application/problem+json", silent.headers().firstValue("Content-Type").orElse(""));
        assertTrue(silentSeconds >= 7 && silentSeconds < 55, "the 8 s idle timeout fired, not the 4 s total, after "
                + silentSeconds + " s");
    }

    @Test
    void shouldRefuseAChunkedJudgmentOverItsLimitWithoutForwardingIt() throws Exception {
        int before = StandInUpstreams.JUDGMENTS_RECEIVED.get();
        long size = 9L * 1024 * 1024; // the judgment limit is 8 MiB
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/tasks/t1/judgment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(patternBody(size, StandInUpstreams.sha256())))   // chunked
                .build();
        HttpResponse<String> response = http11().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(8L * 1024 * 1024, JsonPath.from(response.body()).getLong("maxBytes"));
        assertEquals(before, StandInUpstreams.JUDGMENTS_RECEIVED.get(), "the owner never saw it");
    }

    @Test
    void shouldForwardAChunkedJudgmentWithinItsLimitWhole() throws Exception {
        long size = 300 * 1024;
        MessageDigest sha = StandInUpstreams.sha256();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/tasks/t1/judgment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(patternBody(size, sha)))   // chunked
                .build();
        HttpResponse<String> response = http11().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonPath json = JsonPath.from(response.body());
        assertEquals(size, json.getLong("received"));
        assertEquals(HexFormat.of().formatHex(sha.digest()), json.getString("sha256"));
    }

    @Test
    void shouldRefuseAChunkedBodyOverThisServicesOwnLimitAndTakeOneWithin() throws Exception {
        HttpResponse<String> tooLarge = http11().send(HttpRequest.newBuilder(URI.create(base() + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(patternBody(200 * 1024, StandInUpstreams.sha256())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("application/problem+json", tooLarge.headers().firstValue("Content-Type").orElse(""));
        assertEquals(65536, JsonPath.from(tooLarge.body()).getLong("maxBytes"));

        String email = "chunked-" + java.util.UUID.randomUUID() + "@example.org";
        byte[] registration = ("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\","
                + "\"displayName\":\"Chunked\",\"role\":\"EXPERT\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> fits = http11().send(HttpRequest.newBuilder(URI.create(base() + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(registration)))   // chunked
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, fits.statusCode(), "a chunked body within the limit is read as usual: " + fits.body());

        // over HTTP/2 (h2c) a body of no declared length cannot be read ahead: it is asked for with its length
        HttpResponse<String> http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(URI.create(base() + "/api/auth/register"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(registration)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(411, http2.statusCode(), http2.body());
        assertEquals("application/problem+json", http2.headers().firstValue("Content-Type").orElse(""));
    }

    private static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** A body of {@code size} bytes produced piece by piece, never held whole. */
    private static Flow.Publisher<ByteBuffer> patternBody(long size, MessageDigest sha) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long left = size;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ('a' + ((size - left + i) % 26));
                }
                sha.update(b, off, n);
                left -= n;
                return n;
            }
        });
    }

}
