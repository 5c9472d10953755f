package dev.arbiter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A bare OpenAI-protocol client for tests, over java.net.http. */
final class OpenAiHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String baseUrl;

    OpenAiHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static String chatBody(String model, String question) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0.0);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body.toString();
    }

    HttpResponse<String> chat(String model, String question) {
        return post("/chat/completions", chatBody(model, question));
    }

    CompletableFuture<HttpResponse<String>> chatAsync(String model, String question) {
        return client.sendAsync(postRequest("/chat/completions", chatBody(model, question)),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) {
        return send(postRequest(path, body));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build());
    }

    /** The assistant's message content of a 200 chat completion. */
    static String content(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return json(response).at("/choices/0/message/content").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest postRequest(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer not-needed")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
