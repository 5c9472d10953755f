package dev.arbiter.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.arbiter.simulator.SimulatedModels;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}, every model owned by "arbiter-simulator". */
final class ModelsHandler implements HttpHandler {

    static final String OWNER = "arbiter-simulator";
    private static final String PATH = "/v1/models";

    private final SimulatedModels models;
    private final long created;

    ModelsHandler(SimulatedModels models, long created) {
        this.models = models;
        this.created = created;
    }

    @Override
    public void handle(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            OpenAiErrors.methodNotAllowed(exchange.getRequestMethod(), "GET").send(exchange);
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            ObjectNode body = JsonResponse.JSON.createObjectNode();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            models.names().forEach(name -> data.add(model(name)));
            JsonResponse.of(200, body).send(exchange);
        } else if (path.startsWith(PATH + "/") && models.serves(path.substring(PATH.length() + 1))) {
            JsonResponse.of(200, model(path.substring(PATH.length() + 1))).send(exchange);
        } else if (path.startsWith(PATH + "/")) {
            OpenAiErrors.modelNotFound(path.substring(PATH.length() + 1)).send(exchange);
        } else {
            OpenAiErrors.notFound(path).send(exchange);
        }
    }

    private ObjectNode model(String name) {
        ObjectNode model = JsonResponse.JSON.createObjectNode();
        model.put("id", name);
        model.put("object", "model");
        model.put("created", created);
        model.put("owned_by", OWNER);
        return model;
    }
}
