package dev.arbiter.task.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * jsonb columns travel as text ({@code col::text} out, {@code $n::text::jsonb} in): the reactive
 * client's own JSON type would copy every document through Vert.x's JsonObject. A column the service
 * wrote itself that fails to parse is a bug, not bad input, hence the unchecked exception.
 */
@ApplicationScoped
public class JsonColumns {

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable jsonb column", e);
        }
    }

    public JsonNode readOrNull(String text) {
        return text == null ? null : read(text);
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable jsonb column", e);
        }
    }

    /** A JSON array of strings, e.g. a ranking or a response order. */
    public List<String> strings(String text) {
        List<String> out = new ArrayList<>();
        read(text).forEach(n -> out.add(n.asText()));
        return out;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable jsonb value", e);
        }
    }

    public ObjectMapper mapper() {
        return json;
    }
}
