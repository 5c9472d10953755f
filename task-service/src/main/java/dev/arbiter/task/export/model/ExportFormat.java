package dev.arbiter.task.export.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The export formats, each turning one stored judgment (with its item) into NDJSON rows, in original
 * response ids. Documented with an example row each in the service README.
 */
public enum ExportFormat {

    /** TRL preference rows: one per (preferred, less preferred) pair the judgment implies. */
    TRL {
        @Override
        public List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
            List<ObjectNode> rows = new ArrayList<>();
            forEachPair(j, (better, worse, gap) -> rows.add(json.createObjectNode()
                    .put("prompt", j.prompt()).put("chosen", j.text(better)).put("rejected", j.text(worse))
                    .put("chosen_id", better).put("rejected_id", worse).put("judgment_id", j.judgmentId())
                    .put("item_id", j.itemId()).put("external_id", j.externalId()).put("expert_tier", j.expertTier())
                    .put("preference_strength", j.preferenceStrength() != null ? Math.abs(j.preferenceStrength()) : gap)
                    .<ObjectNode>set("labels", j.labels()).setAll(provenance(j, json))));
            return rows;
        }
    },
    /** Anthropic HH-RLHF style: full Human/Assistant transcripts. */
    HH {
        @Override
        public List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
            List<ObjectNode> rows = new ArrayList<>();
            String human = "\n\nHuman: " + j.prompt() + "\n\nAssistant: ";
            forEachPair(j, (better, worse, gap) -> rows.add(json.createObjectNode()
                    .put("chosen", human + j.text(better)).put("rejected", human + j.text(worse))
                    .put("chosen_id", better).put("rejected_id", worse).put("judgment_id", j.judgmentId())
                    .put("item_id", j.itemId()).<ObjectNode>set("labels", j.labels()).setAll(provenance(j, json))));
            return rows;
        }
    },
    /** HelpSteer style: one row per response, one column per dimension, plus the rationales. */
    HELPSTEER {
        @Override
        public List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
            List<ObjectNode> rows = new ArrayList<>();
            List<String> ranking = j.ranking();
            for (int i = 0; i < ranking.size(); i++) {
                String id = ranking.get(i);
                ObjectNode row = json.createObjectNode().put("prompt", j.prompt()).put("response", j.text(id))
                        .put("response_id", id).put("rank", i + 1);
                JsonNode scores = j.scores().get(id);
                if (scores != null) {
                    scores.fields().forEachRemaining(e -> row.set(e.getKey(), e.getValue()));
                }
                row.set("rationales", j.rationales());
                row.put("judgment_id", j.judgmentId()).put("item_id", j.itemId()).put("expert_tier", j.expertTier());
                row.set("labels", j.labels());
                row.setAll(provenance(j, json));
                rows.add(row);
            }
            return rows;
        }
    },
    /** Everything: item, responses with models, ranking, scores, rationales, critiques and review decisions. */
    NATIVE {
        @Override
        public List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
            ObjectNode row = json.createObjectNode().put("judgment_id", j.judgmentId()).put("item_id", j.itemId())
                    .put("external_id", j.externalId()).put("prompt", j.prompt());
            row.set("responses", j.responses());
            row.set("ranking", json.valueToTree(j.ranking()));
            if (j.preferenceStrength() != null) {
                row.put("preference_strength", j.preferenceStrength());
            }
            row.set("scores", j.scores());
            row.set("rationales", j.rationales());
            row.set("critiques", j.critiques());
            row.put("overall_rationale", j.overallRationale()).put("expert_id", j.expertId())
                    .put("expert_tier", j.expertTier()).put("state", j.state()).put("submitted_at", j.submittedAt());
            row.set("reviews", j.reviews());
            row.set("labels", j.labels());
            row.setAll(provenance(j, json));
            return List.of(row);
        }
    };

    public abstract List<ObjectNode> rows(ExportedJudgment judgment, ObjectMapper json);

    /**
     * Whether the rows show the judgment's scores, rationales, critiques or overall rationale: the pair formats
     * ({@code trl}, {@code hh}) do not, so the export neither reads nor parses them.
     */
    public boolean readsDetails() {
        return this == HELPSTEER || this == NATIVE;
    }

    /**
     * The provenance columns every format carries, flat beside {@code labels}: {@code session_state},
     * {@code active_seconds}, {@code external_paste_share}, each null when not known (see {@link Provenance}).
     */
    static ObjectNode provenance(ExportedJudgment j, ObjectMapper json) {
        Provenance p = j.provenance();
        return json.createObjectNode().put("session_state", p.sessionStateName()).put("active_seconds", p.activeSeconds())
                .put("external_paste_share", p.externalPasteShare());
    }

    /** A stored judgment with its item, as the export query reads it. */
    public record ExportedJudgment(String judgmentId, String itemId, String externalId, String prompt, JsonNode responses,
                                   List<String> ranking, Integer preferenceStrength, JsonNode scores, JsonNode rationales,
                                   JsonNode critiques, String overallRationale, String expertId, int expertTier, String state,
                                   String submittedAt, JsonNode reviews, Map<String, String> texts, ObjectNode labels,
                                   Provenance provenance) {

        public static Map<String, String> textsOf(JsonNode responses) {
            Map<String, String> texts = new HashMap<>();
            for (Iterator<JsonNode> it = responses.elements(); it.hasNext(); ) {
                JsonNode r = it.next();
                texts.put(r.get("id").asText(), r.get("text").asText());
            }
            return texts;
        }

        String text(String id) {
            return texts.get(id);
        }
    }

    @FunctionalInterface
    interface PairConsumer {
        void accept(String better, String worse, int rankGap);
    }

    /** Every ordered pair of the ranking, better first: n(n−1)/2 pairs for n responses. */
    static void forEachPair(ExportedJudgment j, PairConsumer consumer) {
        List<String> ranking = j.ranking();
        for (int a = 0; a < ranking.size(); a++) {
            for (int b = a + 1; b < ranking.size(); b++) {
                consumer.accept(ranking.get(a), ranking.get(b), b - a);
            }
        }
    }
}
