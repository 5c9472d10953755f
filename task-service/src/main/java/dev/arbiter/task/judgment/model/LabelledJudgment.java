package dev.arbiter.task.judgment.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A judgment as the expert writes it, in the labels of their task (A, B, C…). Scores arrive as JSON
 * values so that {@code "5"} or {@code 4.5} is named as invalid instead of being coerced.
 */
public record LabelledJudgment(List<String> ranking, Integer preferenceStrength, Map<String, Map<String, JsonNode>> scores,
                               Map<String, String> rationales, List<LabelledCritique> critiques, String overallRationale) {

    /** A critique of one response: an optional verbatim quote, what kind of problem, how bad, and why. */
    public record LabelledCritique(String label, String quote, String category, String severity, String comment) {
    }
}
