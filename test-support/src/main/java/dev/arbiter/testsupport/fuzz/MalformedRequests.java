package dev.arbiter.testsupport.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The malformed requests for one operation of an OpenAPI document: bad path ids, query parameters of the
 * wrong type, and JSON bodies that are wrong as a whole or in one property, built from the operation's
 * schemas. Every request it makes is one a service must refuse (or, for a read, may answer).
 */
final class MalformedRequests {

    static final String HUGE_NUMBER = "123456789012345678901234567890";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE_PATH_SEGMENT = "a".repeat(10 * 1024);
    private static final String LONG_QUERY_VALUE = "q".repeat(2 * 1024);
    private static final String HUGE_STRING = "x".repeat(100 * 1024);
    private static final int NESTING = 10_000;

    private final SchemaValues schemas;
    private final Random random;

    MalformedRequests(SchemaValues schemas, Random random) {
        this.schemas = schemas;
        this.random = random;
    }

    /**
     * A request template: what is wrong, the path and query, and the body (null for none). {@code malformed} is
     * false for the few variants a service may accept: no body or {@code {}} where the document asks for none.
     */
    record Variant(String what, String target, String contentType, byte[] body, boolean malformed) {
        Variant(String what, String target, String contentType, byte[] body) {
            this(what, target, contentType, body, true);
        }
    }

    /**
     * The variants of one operation, at most {@code cap}: the path, query and whole-body variants first, then
     * a seeded sample of the per-property ones.
     */
    List<Variant> of(String template, JsonNode operation, JsonNode pathItem, int cap) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(p -> parameters.add(schemas.resolve(p)));
        operation.path("parameters").forEach(p -> parameters.add(schemas.resolve(p)));
        Map<String, JsonNode> pathParams = new LinkedHashMap<>();
        Map<String, JsonNode> queryParams = new LinkedHashMap<>();
        for (JsonNode p : parameters) {
            if ("path".equals(p.path("in").asText())) {
                pathParams.put(p.path("name").asText(), p.path("schema"));
            } else if ("query".equals(p.path("in").asText())) {
                queryParams.put(p.path("name").asText(), p.path("schema"));
            }
        }
        JsonNode bodySchema = jsonBodySchema(operation);
        JsonNode plausibleBody = bodySchema == null ? null : schemas.plausible(bodySchema, 0);
        byte[] plausibleBytes = plausibleBody == null ? null : bytes(plausibleBody);
        String bodyType = plausibleBody == null ? null : "application/json";

        List<Variant> first = new ArrayList<>();
        // Bad path ids, one parameter at a time, the others plausible.
        for (String name : pathParams.keySet()) {
            for (String[] bad : badPathValues()) {
                String target = fill(template, pathParams, name, bad[1]);
                first.add(new Variant("path " + name + " = " + bad[0], target, bodyType, plausibleBytes));
            }
        }
        String path = fill(template, pathParams, null, null);
        // Query parameters of the wrong type, one at a time.
        for (String name : queryParams.keySet()) {
            for (String[] bad : badQueryValues()) {
                first.add(new Variant("query " + name + " = " + bad[0], path + "?" + name + "=" + bad[1], bodyType,
                        plausibleBytes));
            }
        }
        if (bodySchema == null) {
            return first;
        }
        // The body as a whole. A body whose properties are all optional may be left out (or sent as null, or
        // as {}): a service may accept those (task-service's claim does: "any job"). SmallRye marks every
        // entity parameter's requestBody required, so that flag says nothing; the schema's required list does.
        boolean requiresProperties = schemas.resolve(bodySchema).path("required").size() > 0;
        boolean requiresBody = requiresProperties;
        for (String wrong : List.of("null", "0", "\"fuzz\"", "[]", "true", "{}", "{\"", "[1,2", "NaN")) {
            boolean malformed = switch (wrong) {
                case "null" -> requiresBody;
                case "{}" -> requiresProperties || !"object".equals(schemas.typeOf(bodySchema));
                default -> true;
            };
            first.add(new Variant("body = " + wrong, path, "application/json", wrong.getBytes(StandardCharsets.UTF_8),
                    malformed));
        }
        first.add(new Variant("empty body", path, "application/json", new byte[0], requiresBody));
        first.add(new Variant("no body, no content type", path, null, null, requiresBody));
        first.add(new Variant("body = " + NESTING + " nested arrays", path, "application/json", nestedArrays(NESTING)));
        first.add(new Variant("body = bytes C3 28 (broken UTF-8)", path, "application/json",
                new byte[] {'"', (byte) 0xC3, 0x28, '"'}));
        first.add(new Variant("body = byte FF", path, "application/json", new byte[] {(byte) 0xFF}));
        first.add(new Variant("plausible body as text/plain", path, "text/plain", plausibleBytes));
        first.add(new Variant("plausible body as application/xml", path, "application/xml", plausibleBytes));
        if (plausibleBody.isObject()) {
            ObjectNode extra = plausibleBody.deepCopy();
            extra.put("fuzzUnknownField", "fuzz");
            extra.set("fuzzUnknownObject", NODES.objectNode().put("a", 1));
            first.add(new Variant("plausible body + unknown fields", path, "application/json", bytes(extra)));
        }

        // One property at a time.
        List<Variant> perProperty = new ArrayList<>();
        List<SchemaValues.Slot> slots = schemas.slots(bodySchema);
        boolean brokenUtf8Done = false;
        for (SchemaValues.Slot slot : slots) {
            String type = schemas.typeOf(slot.schema());
            for (Map.Entry<String, String> wrong : wrongValues(type, slot.required()).entrySet()) {
                byte[] body = replace(plausibleBody, slot.pointer(), wrong.getValue());
                if (body != null) {
                    perProperty.add(new Variant("body." + slot.display() + " = " + wrong.getKey(), path,
                            "application/json", body));
                }
            }
            if (!brokenUtf8Done && "string".equals(type)) {
                brokenUtf8Done = true;
                byte[] c328 = replaceBytes(plausibleBody, slot.pointer(), new byte[] {'"', (byte) 0xC3, 0x28, '"'});
                byte[] ff = replaceBytes(plausibleBody, slot.pointer(), new byte[] {'"', 'a', (byte) 0xFF, '"'});
                if (c328 != null) {
                    perProperty.add(new Variant("body." + slot.display() + " = bytes C3 28", path, "application/json", c328));
                    perProperty.add(new Variant("body." + slot.display() + " = bytes 61 FF", path, "application/json", ff));
                }
            }
        }
        if (!slots.isEmpty()) {
            byte[] nested = replaceBytes(plausibleBody, slots.get(0).pointer(), nestedArrays(NESTING));
            if (nested != null) {
                perProperty.add(new Variant("body." + slots.get(0).display() + " = " + NESTING + " nested arrays", path,
                        "application/json", nested));
            }
        }
        Collections.shuffle(perProperty, random);
        List<Variant> all = new ArrayList<>(first);
        // The path, query and whole-body variants are always sent; the per-property ones fill up to the cap.
        all.addAll(perProperty.subList(0, Math.max(0, Math.min(perProperty.size(), cap - first.size()))));
        return all;
    }

    /** The schema of an {@code application/json} request body, or null when the operation takes none. */
    static JsonNode jsonBodySchema(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        Iterator<String> types = content.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (type.startsWith("application/json") || type.endsWith("+json")) {
                JsonNode schema = content.path(type).path("schema");
                return schema.isMissingNode() ? NODES.objectNode() : schema;
            }
        }
        return null;
    }

    /** Whether the operation declares any request body, JSON or not. */
    static boolean takesBody(JsonNode operation) {
        return operation.has("requestBody");
    }

    private String[][] badPathValues() {
        return new String[][] {
            {"not-a-uuid", "not-a-uuid"},
            {"10 KB string", HUGE_PATH_SEGMENT},
            {"%00", "%00"},
            {"..%2F", "..%2F"},
            {"-1", "-1"},
            {HUGE_NUMBER, HUGE_NUMBER},
            {"unknown UUID", schemas.uuid().toString()},
        };
    }

    private static String[][] badQueryValues() {
        return new String[][] {
            {"not-a-value", "not-a-value"},
            {"1e400", "1e400"},
            {"-1", "-1"},
            {HUGE_NUMBER, HUGE_NUMBER},
            {"%00", "%00"},
            {"2 KB string", LONG_QUERY_VALUE},
            {"2026-13-45", "2026-13-45"},
            {"empty", ""},
        };
    }

    /**
     * The wrong values for a property of {@code type}, as JSON text: a value of another JSON type, null
     * (for a required property; an optional one may be null), huge strings and numbers.
     */
    private static Map<String, String> wrongValues(String type, boolean required) {
        Map<String, String> out = new LinkedHashMap<>();
        if (required) {
            out.put("null", "null");
        }
        switch (type) {
            case "string" -> {
                out.put("{}", "{}");
                out.put("[]", "[]");
                out.put("100 KB string", "\"" + HUGE_STRING + "\"");
            }
            case "integer", "number" -> {
                out.put("\"fuzz\"", "\"fuzz\"");
                out.put("\"NaN\"", "\"NaN\"");
                out.put("1e400", "1e400");
                out.put("-1e400", "-1e400");
                out.put(HUGE_NUMBER, HUGE_NUMBER);
                out.put("-" + HUGE_NUMBER, "-" + HUGE_NUMBER);
                out.put("{}", "{}");
            }
            case "boolean" -> {
                out.put("\"maybe\"", "\"maybe\"");
                out.put("{}", "{}");
                out.put("1e400", "1e400");
            }
            case "array" -> {
                out.put("{}", "{}");
                out.put("\"fuzz\"", "\"fuzz\"");
                out.put("1e400", "1e400");
            }
            case "object" -> {
                out.put("[]", "[]");
                out.put("\"fuzz\"", "\"fuzz\"");
                out.put(HUGE_NUMBER, HUGE_NUMBER);
            }
            default -> {
                out.put("{\"fuzz\":[]}", "{\"fuzz\":[]}");
                out.put("100 KB string", "\"" + HUGE_STRING + "\"");
            }
        }
        return out;
    }

    private String fill(String template, Map<String, JsonNode> pathParams, String badName, String badValue) {
        String out = template;
        for (Map.Entry<String, JsonNode> p : pathParams.entrySet()) {
            String value = p.getKey().equals(badName) ? badValue : plausiblePathValue(p.getValue());
            out = out.replace("{" + p.getKey() + "}", value);
        }
        return out;
    }

    private String plausiblePathValue(JsonNode schema) {
        JsonNode value = schemas.plausible(schema, 1);
        String text = value.isTextual() ? value.asText() : value.toString();
        if ("fuzz".equals(text)) {
            return schemas.uuid().toString();
        }
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The plausible body with the value at {@code pointer} replaced by {@code json} (any JSON text). */
    private static byte[] replace(JsonNode base, String pointer, String json) {
        return replaceBytes(base, pointer, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The plausible body with the value at {@code pointer} replaced by raw bytes: a marker string goes into
     * the tree, and the serialized marker is swapped for the bytes (which need not be valid JSON or UTF-8).
     */
    private static byte[] replaceBytes(JsonNode base, String pointer, byte[] raw) {
        JsonNode copy = base.deepCopy();
        String marker = "FUZZ_MARKER_7f3a";
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isObject()) {
            ((ObjectNode) parent).put(key, marker);
        } else if (parent.isArray() && parent.size() > 0) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(key), NODES.textNode(marker));
        } else {
            return null;
        }
        byte[] text = bytes(copy);
        byte[] quotedMarker = ("\"" + marker + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(text, quotedMarker);
        if (at < 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + raw.length);
        out.write(text, 0, at);
        out.write(raw, 0, raw.length);
        out.write(text, at + quotedMarker.length, text.length - at - quotedMarker.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] nestedArrays(int depth) {
        return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
