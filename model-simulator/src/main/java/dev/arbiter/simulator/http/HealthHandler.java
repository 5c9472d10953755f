package dev.arbiter.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** {@code GET /health}; any other path reaching the root context is a 404 in the OpenAI shape. */
final class HealthHandler implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (!"/health".equals(path)) {
            OpenAiErrors.notFound(path).send(exchange);
        } else if (!"GET".equals(exchange.getRequestMethod())) {
            OpenAiErrors.methodNotAllowed(exchange.getRequestMethod(), "GET").send(exchange);
        } else {
            ObjectNode body = JsonResponse.JSON.createObjectNode().put("status", "UP");
            JsonResponse.of(200, body).send(exchange);
        }
    }
}
