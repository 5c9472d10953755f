package dev.arbiter.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.arbiter.simulator.ReplyFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The part of an OpenAI chat-completion request the simulator reads. Message content may be a
 * string or an array of parts ({@code {"type": "text", "text": …}}); {@code response_format} says what the
 * reply must look like; other fields ({@code temperature}, {@code tools}, …) are accepted and ignored.
 */
record ChatRequest(String model, List<Message> messages, boolean stream, OptionalInt maxTokens, ReplyFormat format) {

    record Message(String role, String content) {
    }

    static ChatRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JsonResponse.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("The request body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new InvalidRequestException("'model' is required and must be a non-empty string.");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException("'messages' is required and must be a non-empty array.");
        }
        List<Message> parsed = new ArrayList<>();
        for (JsonNode message : messages) {
            parsed.add(message(message));
        }
        return new ChatRequest(model.asText(), parsed, root.path("stream").asBoolean(false), maxTokens(root),
                format(root.get("response_format")));
    }

    /** The question: the content of the last user message. */
    Optional<String> lastUserContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return Optional.of(messages.get(i).content());
            }
        }
        return Optional.empty();
    }

    /** The system (and developer) messages' text, in order; empty when there is none. */
    String systemContent() {
        List<String> parts = new ArrayList<>();
        for (Message m : messages) {
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                parts.add(m.content());
            }
        }
        return String.join("\n", parts);
    }

    private static ReplyFormat format(JsonNode format) {
        if (format == null || format.isNull()) {
            return ReplyFormat.TEXT;
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text":
                return ReplyFormat.TEXT;
            case "json_object":
                return new ReplyFormat(ReplyFormat.Kind.JSON_OBJECT, List.of());
            case "json_schema":
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.path("type").asText("").equals("object") || !schema.path("properties").isObject()) {
                    throw new InvalidRequestException("'response_format.json_schema.schema' must be an object schema "
                            + "with 'properties'.");
                }
                List<String> properties = new ArrayList<>();
                schema.get("properties").fieldNames().forEachRemaining(properties::add);
                return new ReplyFormat(ReplyFormat.Kind.JSON_SCHEMA, properties);
            default:
                throw new InvalidRequestException("'response_format.type' must be one of text, json_object, json_schema.");
        }
    }

    private static Message message(JsonNode message) {
        if (!message.isObject() || !message.path("role").isTextual()) {
            throw new InvalidRequestException("Each message must be an object with a string 'role'.");
        }
        JsonNode content = message.get("content");
        String text;
        if (content == null || content.isNull()) {
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            List<String> parts = new ArrayList<>();
            content.forEach(part -> {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    parts.add(part.get("text").asText());
                }
            });
            text = String.join("\n", parts);
        } else {
            throw new InvalidRequestException("A message 'content' must be a string or an array of parts.");
        }
        return new Message(message.get("role").asText(), text);
    }

    private static OptionalInt maxTokens(JsonNode root) {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode value = root.get(field);
            if (value != null && value.canConvertToInt() && value.asInt() > 0) {
                return OptionalInt.of(value.asInt());
            }
        }
        return OptionalInt.empty();
    }
}
