package dev.arbiter.simulator.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSONL knowledge file: one {@code {"model", "question", "answer"}} object a line,
 * blank lines allowed. A model given two different answers to the same question is an error
 * in the file, reported with its line number.
 */
public final class KnowledgeFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KnowledgeFile() {
    }

    public static List<KnowledgeEntry> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    public static List<KnowledgeEntry> read(Reader source, String name) throws IOException {
        Map<String, KnowledgeEntry> entries = new LinkedHashMap<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            KnowledgeEntry entry = parseLine(line, name, number);
            String key = entry.model() + "\u0000" + QuestionText.normalize(entry.question());
            KnowledgeEntry earlier = entries.putIfAbsent(key, entry);
            if (earlier != null && !earlier.answer().equals(entry.answer())) {
                throw new IllegalArgumentException(name + ":" + number + ": model '" + entry.model()
                        + "' already answers this question differently on line " + lineOfKey.get(key));
            }
            lineOfKey.putIfAbsent(key, number);
        }
        return new ArrayList<>(entries.values());
    }

    private static KnowledgeEntry parseLine(String line, String name, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ":" + number + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(name + ":" + number + ": not a JSON object");
        }
        try {
            return new KnowledgeEntry(text(node, "model"), text(node, "question"), text(node, "answer"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ":" + number + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string/number");
        }
        return value.asText();
    }
}
