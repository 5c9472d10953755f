package dev.arbiter.qualification.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** The judge model's request (sections QUESTION / REFERENCE / RUBRIC / CANDIDATE) and its JSON verdict. */
public final class JudgePrompt {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String INSTRUCTIONS = """
            You grade a candidate answer against the reference answer of an expert-written question.
            Judge meaning, not wording; the rubric, when given, says what a correct answer must contain.
            Reply with JSON only: {"correct": true|false, "confidence": 0.0-1.0, "reasoning": "one or two sentences"}.""";

    private JudgePrompt() {
    }

    public static String message(ReferenceKey key, String candidate) {
        StringBuilder s = new StringBuilder(INSTRUCTIONS).append('\n');
        s.append("### QUESTION\n").append(key.prompt()).append('\n');
        s.append("### REFERENCE\n").append(key.reference()).append('\n');
        if (key.rubric() != null && !key.rubric().isBlank()) {
            s.append("### RUBRIC\n").append(key.rubric()).append('\n');
        }
        s.append("### CANDIDATE\n").append(candidate == null ? "" : candidate).append('\n');
        return s.toString();
    }

    /** The verdict in the judge's reply (the first JSON object in it), or empty when it is not one. */
    public static Optional<JudgeVerdict> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(reply.substring(start, end + 1));
            if (!node.path("correct").isBoolean()) {
                return Optional.empty();
            }
            double confidence = node.path("confidence").isNumber() ? node.path("confidence").asDouble() : 0.0;
            return Optional.of(new JudgeVerdict(node.path("correct").asBoolean(),
                    Math.max(0, Math.min(1, confidence)), node.path("reasoning").asText("")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
