package dev.arbiter.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Reads the schemas of an OpenAPI document: resolves {@code $ref}s, builds a plausible value for a schema
 * (the base every mutation starts from) and lists the leaves of a body (where a mutation goes).
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 4;

    private final JsonNode document;
    private final Random random;

    SchemaValues(JsonNode document, Random random) {
        this.document = document;
        this.random = random;
    }

    /** The schema itself, with {@code $ref} (and a single-element {@code allOf}/{@code oneOf}) followed. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && hops < 10; hops++) {
            if (current.has("$ref")) {
                current = document.at(current.get("$ref").asText().substring(1));
            } else if (current.has("allOf") && current.get("allOf").size() == 1) {
                current = current.get("allOf").get(0);
            } else if (current.has("oneOf") && current.get("oneOf").size() >= 1) {
                current = current.get("oneOf").get(0);
            } else if (current.has("anyOf") && current.get("anyOf").size() >= 1) {
                current = current.get("anyOf").get(0);
            } else {
                return current;
            }
        }
        return current == null || current.isMissingNode() ? NODES.objectNode() : current;
    }

    /** The schema's JSON type, guessed from its members when {@code type} is absent. */
    String typeOf(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode type = s.get("type");
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (s.has("properties") || s.has("additionalProperties")) {
            return "object";
        }
        if (s.has("items")) {
            return "array";
        }
        if (s.has("enum")) {
            return "string";
        }
        return "unknown";
    }

    /** A value a client could plausibly send for the schema (not necessarily one the service accepts). */
    JsonNode plausible(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0).deepCopy();
        }
        if (s.has("example") && depth > 0 && !s.get("example").isContainerNode()) {
            return s.get("example").deepCopy();
        }
        String format = s.path("format").asText("");
        switch (typeOf(s)) {
            case "string":
                return switch (format) {
                    case "uuid" -> NODES.textNode(uuid().toString());
                    case "date-time" -> NODES.textNode("2026-11-30T09:00:00Z");
                    case "date" -> NODES.textNode("2026-11-30");
                    case "duration" -> NODES.textNode("PT15M");
                    default -> NODES.textNode("fuzz");
                };
            case "integer":
                return NODES.numberNode(Math.max(1, s.path("minimum").asLong(1)));
            case "number":
                return NODES.numberNode(Math.max(1, s.path("minimum").asLong(1)));
            case "boolean":
                return NODES.booleanNode(true);
            case "array": {
                ArrayNode array = NODES.arrayNode();
                if (depth < MAX_DEPTH) {
                    array.add(plausible(s.path("items"), depth + 1));
                }
                return array;
            }
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth >= MAX_DEPTH) {
                    return object;
                }
                Iterator<Map.Entry<String, JsonNode>> properties = s.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> p = properties.next();
                    object.set(p.getKey(), plausible(p.getValue(), depth + 1));
                }
                JsonNode additional = s.get("additionalProperties");
                if (object.isEmpty() && additional != null && additional.isObject()) {
                    object.set("A", plausible(additional, depth + 1));
                }
                return object;
            }
            default:
                return NODES.textNode("fuzz");
        }
    }

    /** A leaf or container inside a body: where it is (JSON Pointer) and its schema. */
    record Slot(String pointer, String display, JsonNode schema, boolean required) {
    }

    /** Every property of the body, nested objects and the first element of lists included, depth-first. */
    List<Slot> slots(JsonNode schema) {
        List<Slot> out = new ArrayList<>();
        collect(schema, "", "", 0, out);
        return out;
    }

    private void collect(JsonNode schema, String pointer, String display, int depth, List<Slot> out) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        JsonNode s = resolve(schema);
        String type = typeOf(s);
        if ("object".equals(type)) {
            List<String> required = new ArrayList<>();
            s.path("required").forEach(r -> required.add(r.asText()));
            Iterator<Map.Entry<String, JsonNode>> properties = s.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> p = properties.next();
                String childPointer = pointer + "/" + p.getKey().replace("~", "~0").replace("/", "~1");
                String childDisplay = display.isEmpty() ? p.getKey() : display + "." + p.getKey();
                out.add(new Slot(childPointer, childDisplay, p.getValue(), required.contains(p.getKey())));
                collect(p.getValue(), childPointer, childDisplay, depth + 1, out);
            }
            JsonNode additional = s.get("additionalProperties");
            if (!s.path("properties").fields().hasNext() && additional != null && additional.isObject()) {
                out.add(new Slot(pointer + "/A", display.isEmpty() ? "A" : display + ".A", additional, false));
                collect(additional, pointer + "/A", display.isEmpty() ? "A" : display + ".A", depth + 1, out);
            }
        } else if ("array".equals(type)) {
            out.add(new Slot(pointer + "/0", display + "[0]", s.path("items"), true));
            collect(s.path("items"), pointer + "/0", display + "[0]", depth + 1, out);
        }
    }

    /** A well-formed UUID from the fuzzer's seeded random, so that runs repeat. */
    UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
