package dev.arbiter.task.judgment.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.judgment.model.LabelledJudgment.LabelledCritique;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored judgment (original response ids) turned back into the labels its expert saw (A, B, C…, in
 * the task's response order): what a revision shows as the previous judgment and starts its draft from,
 * in exactly the shape the workbench submits, so that sending it back unchanged is a valid submission.
 */
public final class JudgmentLabels {

    private JudgmentLabels() {
    }

    public static LabelledJudgment toLabels(Judgment j, List<String> responseOrder) {
        Map<String, String> labelOf = new HashMap<>();
        for (int i = 0; i < responseOrder.size(); i++) {
            labelOf.put(responseOrder.get(i), ResponseShuffle.label(i));
        }
        List<String> ranking = j.ranking().stream().map(id -> label(labelOf, id)).toList();
        Map<String, Map<String, JsonNode>> scores = new LinkedHashMap<>();
        j.scores().forEach((id, byDimension) -> {
            Map<String, JsonNode> labelled = new LinkedHashMap<>();
            byDimension.forEach((dimension, score) -> labelled.put(dimension, IntNode.valueOf(score)));
            scores.put(label(labelOf, id), labelled);
        });
        List<LabelledCritique> critiques = j.critiques().stream().map(c -> new LabelledCritique(label(labelOf, c.responseId()),
                c.quote(), c.category(), c.severity(), c.comment())).toList();
        return new LabelledJudgment(ranking, j.preferenceStrength(), scores, new LinkedHashMap<>(j.rationales()), critiques,
                j.overallRationale());
    }

    private static String label(Map<String, String> labelOf, String responseId) {
        String label = labelOf.get(responseId);
        if (label == null) {
            throw new IllegalArgumentException("Response " + responseId + " is not among the task's responses");
        }
        return label;
    }
}
