package dev.arbiter.bench.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A small JSON-over-HTTP client on {@code java.net.http}: HTTP/1.1 with keep-alive (no h2c upgrade
 * attempt on plain http), bearer tokens, a status check that throws. One instance is shared by all
 * load workers; its pool opens one connection per concurrent request.
 */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RETRIES = 10;
    private static final long MAX_RETRY_AFTER_SECONDS = 120;

    private final Duration timeout;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Requests that give up after 30 s. */
    public JsonHttp() {
        this(DEFAULT_TIMEOUT);
    }

    /** Requests that give up after {@code timeout} (a batch of ten thousand payees takes longer than 30 s). */
    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /** An answer with its body as text. */
    public record Response(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + abbreviate(body), e);
            }
        }

        /** This response, or an exception naming the status and body when it is not one of {@code expected}. */
        public Response expect(int... expected) {
            if (Arrays.stream(expected).noneMatch(s -> s == status)) {
                throw new UnexpectedStatus(status, body);
            }
            return this;
        }
    }

    /** An answer with a status the caller did not expect. */
    public static final class UnexpectedStatus extends RuntimeException {
        private final int status;

        UnexpectedStatus(int status, String body) {
            super("HTTP " + status + ": " + abbreviate(body));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Response get(String url, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).GET().build());
    }

    public Response postJson(String url, Object body, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** A JSON POST that moves money: the same {@code idempotencyKey} again answers the first answer. */
    public Response postIdempotent(String url, Object body, String bearer, String idempotencyKey)
            throws IOException, InterruptedException {
        return send(request(url, bearer)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** A GET with another Accept (e.g. {@code text/csv}). */
    public Response get(String url, String bearer, String accept) throws IOException, InterruptedException {
        return send(request(url, bearer).setHeader("Accept", accept).GET().build());
    }

    /** A prepared GET for load loops: build once, send many times with {@link #sendExpecting}. */
    public HttpRequest prepareGet(String url, String bearer) {
        return request(url, bearer).GET().build();
    }

    /** A prepared JSON POST for load loops. */
    public HttpRequest preparePost(String url, Object body, String bearer) throws JsonProcessingException {
        return request(url, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    /** Sends and reads the whole body (as a browser would), throwing unless the status is {@code expected}. */
    public void sendExpecting(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = honouringRetryAfter(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new UnexpectedStatus(response.statusCode(), new String(response.body()));
        }
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = honouringRetryAfter(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /**
     * A 429 (a rate limit of the stack, e.g. registrations per address) is waited out as its {@code Retry-After}
     * says, at most {@value #MAX_RETRIES} times and {@value #MAX_RETRY_AFTER_SECONDS} s each; then it is answered
     * like any other status.
     */
    private <T> HttpResponse<T> honouringRetryAfter(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = client.send(request, handler);
        for (int retry = 0; retry < MAX_RETRIES && response.statusCode() == 429; retry++) {
            long seconds = response.headers().firstValue("Retry-After").map(JsonHttp::seconds).orElse(1L);
            Thread.sleep(Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000);
            response = client.send(request, handler);
        }
        return response;
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
