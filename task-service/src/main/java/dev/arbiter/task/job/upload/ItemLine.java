package dev.arbiter.task.job.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.job.model.Comparison;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One uploaded item, checked as a whole: either every part is valid and it becomes an {@link Item},
 * or the problem is named and nothing of it is kept.
 */
public final class ItemLine {

    public record Response(String id, String text, String model) {
    }

    public record Item(String externalId, String prompt, List<Response> responses, List<String> goldRanking) {
    }

    /** Thrown for an item that cannot be kept; the message is the problem shown to the lab. */
    public static final class InvalidItem extends Exception {
        public InvalidItem(String problem) {
            super(problem, null, false, false);
        }
    }

    private static final int MAX_ID = 200;

    private ItemLine() {
    }

    public static Item parse(JsonNode node, Comparison comparison, int maxTextChars) throws InvalidItem {
        if (node == null || !node.isObject()) {
            throw new InvalidItem("an item must be a JSON object");
        }
        String externalId = optionalText(node, "externalId", MAX_ID);
        String prompt = requiredText(node, "prompt", maxTextChars);
        JsonNode responses = node.get("responses");
        if (responses == null || !responses.isArray()) {
            throw new InvalidItem("responses: must be an array");
        }
        int min = comparison.minResponses();
        int max = comparison.maxResponses();
        if (responses.size() < min || responses.size() > max) {
            throw new InvalidItem("responses: a " + comparison + " job needs " + (min == max ? "exactly " + min
                    : "between " + min + " and " + max) + " responses, found " + responses.size());
        }
        List<Response> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            JsonNode r = responses.get(i);
            if (!r.isObject()) {
                throw new InvalidItem("responses[" + i + "]: must be an object");
            }
            String id = requiredText(r, "id", MAX_ID, "responses[" + i + "].");
            if (!ids.add(id)) {
                throw new InvalidItem("responses[" + i + "].id: repeats the id " + id);
            }
            parsed.add(new Response(id, requiredText(r, "text", maxTextChars, "responses[" + i + "]."),
                    optionalText(r, "model", MAX_ID)));
        }
        return new Item(externalId, prompt, parsed, gold(node.get("gold"), ids));
    }

    private static List<String> gold(JsonNode gold, Set<String> ids) throws InvalidItem {
        if (gold == null || gold.isNull()) {
            return null;
        }
        JsonNode ranking = gold.get("ranking");
        if (!gold.isObject() || ranking == null || !ranking.isArray()) {
            throw new InvalidItem("gold.ranking: must be an array of response ids");
        }
        List<String> order = new ArrayList<>();
        for (JsonNode id : ranking) {
            if (!id.isTextual() || !ids.contains(id.asText()) || order.contains(id.asText())) {
                throw new InvalidItem("gold.ranking: must name every response id exactly once");
            }
            order.add(id.asText());
        }
        if (order.size() != ids.size()) {
            throw new InvalidItem("gold.ranking: must name every response id exactly once");
        }
        return order;
    }

    private static String requiredText(JsonNode node, String field, int max) throws InvalidItem {
        return requiredText(node, field, max, "");
    }

    private static String requiredText(JsonNode node, String field, int max, String path) throws InvalidItem {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidItem(path + field + ": must be a non-empty string");
        }
        if (value.asText().length() > max) {
            throw new InvalidItem(path + field + ": has " + value.asText().length() + " characters, at most " + max + " are accepted");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, int max) throws InvalidItem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > max) {
            throw new InvalidItem(field + ": must be a string of at most " + max + " characters");
        }
        return value.asText();
    }
}
