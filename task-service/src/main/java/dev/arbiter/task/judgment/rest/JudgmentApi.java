package dev.arbiter.task.judgment.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A judgment as the expert writes it, in the labels of their task (A, B, C…). */
public final class JudgmentApi {

    private JudgmentApi() {
    }

    /** Scores are numbers so that a non-integer score is named as invalid rather than silently truncated. */
    public record JudgmentBody(List<String> ranking, Integer preferenceStrength, Map<String, Map<String, Number>> scores,
                               Map<String, String> rationales, List<CritiqueBody> critiques, String overallRationale) {
    }

    public record CritiqueBody(String label, String quote, String category, String severity, String comment) {
    }

    public record Submitted(UUID judgmentId) {
    }
}
