package dev.arbiter.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** A status, extra headers and a JSON body, ready to be written to an exchange (now or later). */
record JsonResponse(int status, Map<String, String> headers, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final System.Logger LOG = System.getLogger(JsonResponse.class.getName());

    static JsonResponse of(int status, JsonNode body) {
        return of(status, Map.of(), body);
    }

    static JsonResponse of(int status, Map<String, String> headers, JsonNode body) {
        try {
            return new JsonResponse(status, headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    /** Writes and closes; a client that went away meanwhile is not an error of ours. */
    void send(HttpExchange exchange) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Simulator", "arbiter-simulator");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client left before the response was written: {0}", e.toString());
        } finally {
            exchange.close();
        }
    }
}
