package dev.arbiter.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Error responses in the OpenAI shape {@code {"error": {message, type, param, code}}}. */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static JsonResponse invalidRequest(String message) {
        return error(400, message, "invalid_request_error", "invalid_request");
    }

    static JsonResponse modelNotFound(String model) {
        return error(404, "The model '" + model + "' does not exist in the Arbiter model simulator.",
                "invalid_request_error", "model_not_found");
    }

    static JsonResponse notFound(String path) {
        return error(404, "Unknown path '" + path + "'. The simulator serves /health, /v1/models and "
                + "/v1/chat/completions.", "invalid_request_error", "not_found");
    }

    static JsonResponse methodNotAllowed(String method, String allowed) {
        return new JsonResponse(405, Map.of("Allow", allowed),
                error(405, "Method " + method + " is not allowed here; use " + allowed + ".",
                        "invalid_request_error", "method_not_allowed").body());
    }

    static JsonResponse tooLarge(int limit) {
        return error(413, "The request body exceeds " + limit + " bytes.", "invalid_request_error", "too_large");
    }

    /** The failure a fault injects: 429 looks like a rate limit, anything else like a server error. */
    static JsonResponse simulatedFault(int status, String model) {
        if (status == 429) {
            JsonResponse limited = error(429, "Simulated rate limit for model '" + model + "'.",
                    "rate_limit_error", "rate_limit_exceeded");
            return new JsonResponse(429, Map.of("Retry-After", "0"), limited.body());
        }
        return error(status, "Simulated failure (HTTP " + status + ") for model '" + model + "'.",
                status >= 500 ? "server_error" : "invalid_request_error", "simulated_fault");
    }

    static JsonResponse internalError() {
        return error(500, "The model simulator failed to handle this request (a simulator bug, not a simulated "
                + "fault).", "server_error", "simulator_error");
    }

    static JsonResponse hangElapsed(String model) {
        return error(504, "Model '" + model + "' is simulated as hanging; the simulator gave up holding "
                + "the request.", "server_error", "simulated_hang");
    }

    private static JsonResponse error(int status, String message, String type, String code) {
        ObjectNode body = JsonResponse.JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return JsonResponse.of(status, body);
    }
}
