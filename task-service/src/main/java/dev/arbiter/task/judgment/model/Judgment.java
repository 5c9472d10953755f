package dev.arbiter.task.judgment.model;

import java.util.List;
import java.util.Map;

/** A valid judgment in the item's original response ids, as stored and exported. */
public record Judgment(List<String> ranking, Integer preferenceStrength, Map<String, Map<String, Integer>> scores,
                       Map<String, String> rationales, List<Critique> critiques, String overallRationale) {

    public record Critique(String responseId, String quote, String category, String severity, String comment) {
    }
}
