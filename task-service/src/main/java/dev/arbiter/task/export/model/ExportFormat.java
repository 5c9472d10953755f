package dev.arbiter.task.export.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.task.claim.model.ResponseShuffle;
import java.io.IOException;
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
        public void write(ExportedJudgment j, JsonGenerator out, ObjectMapper json) throws IOException {
            forEachPair(j, (better, worse, gap) -> {
                out.writeStartObject();
                out.writeStringField("prompt", j.prompt());
                out.writeStringField("chosen", j.text(better));
                out.writeStringField("rejected", j.text(worse));
                out.writeStringField("chosen_id", better);
                out.writeStringField("rejected_id", worse);
                out.writeStringField("judgment_id", j.judgmentId());
                out.writeStringField("item_id", j.itemId());
                out.writeStringField("external_id", j.externalId());
                out.writeNumberField("expert_tier", j.expertTier());
                out.writeNumberField("preference_strength",
                        j.preferenceStrength() != null ? Math.abs(j.preferenceStrength()) : gap);
                writeLabelsAndProvenance(j, out);
                out.writeEndObject();
            });
        }
    },
    /** Anthropic HH-RLHF style: full Human/Assistant transcripts. */
    HH {
        @Override
        public void write(ExportedJudgment j, JsonGenerator out, ObjectMapper json) throws IOException {
            String human = "\n\nHuman: " + j.prompt() + "\n\nAssistant: ";
            forEachPair(j, (better, worse, gap) -> {
                out.writeStartObject();
                out.writeStringField("chosen", human + j.text(better));
                out.writeStringField("rejected", human + j.text(worse));
                out.writeStringField("chosen_id", better);
                out.writeStringField("rejected_id", worse);
                out.writeStringField("judgment_id", j.judgmentId());
                out.writeStringField("item_id", j.itemId());
                writeLabelsAndProvenance(j, out);
                out.writeEndObject();
            });
        }
    },
    /** HelpSteer style: one row per response, one column per dimension, plus the rationales. */
    HELPSTEER {
        @Override
        List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
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
                row.set("labels", j.labels(json));
                row.setAll(provenance(j, json));
                rows.add(row);
            }
            return rows;
        }
    },
    /** Everything: item, responses with models, ranking, scores, rationales, critiques and review decisions. */
    NATIVE {
        @Override
        List<ObjectNode> rows(ExportedJudgment j, ObjectMapper json) {
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
            row.set("labels", j.labels(json));
            row.setAll(provenance(j, json));
            return List.of(row);
        }
    };

    /**
     * Writes the judgment's rows to {@code out}, each a value at the root (the generator separates them). The pair
     * formats write their fields straight to the generator, the order and the bytes being those of the object trees
     * they once built (checked by {@code ExportBytesTest}); the others build each row as a tree and write it.
     */
    public void write(ExportedJudgment judgment, JsonGenerator out, ObjectMapper json) throws IOException {
        for (ObjectNode row : rows(judgment, json)) {
            json.writeTree(out, row);
        }
    }

    /** The rows as trees, for the formats that build them (their columns depend on the judgment's scores). */
    List<ObjectNode> rows(ExportedJudgment judgment, ObjectMapper json) {
        throw new UnsupportedOperationException(name() + " writes its rows to the generator");
    }

    /** {@code labels} and the provenance columns, the last fields of a pair row, written as {@link #provenance} puts them. */
    static void writeLabelsAndProvenance(ExportedJudgment j, JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("labels");
        List<String> order = j.responseOrder();
        for (int i = 0; i < order.size(); i++) {
            out.writeStringField(ResponseShuffle.label(i), order.get(i));
        }
        out.writeEndObject();
        Provenance p = j.provenance();
        out.writeStringField("session_state", p.sessionStateName());
        if (p.activeSeconds() == null) {
            out.writeNullField("active_seconds");
        } else {
            out.writeNumberField("active_seconds", p.activeSeconds().longValue());
        }
        if (p.externalPasteShare() == null) {
            out.writeNullField("external_paste_share");
        } else {
            out.writeNumberField("external_paste_share", p.externalPasteShare().doubleValue());
        }
    }

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

    /**
     * A stored judgment with its item, as the export query reads it. {@code responses} (the item's responses as stored)
     * is read only for {@link #NATIVE}, the one format that shows them whole; {@code texts} maps each response id to its
     * text and {@code responseOrder} lists the response ids in the order the expert saw them, labelled A, B, C….
     */
    public record ExportedJudgment(String judgmentId, String itemId, String externalId, String prompt, JsonNode responses,
                                   List<String> ranking, Integer preferenceStrength, JsonNode scores, JsonNode rationales,
                                   JsonNode critiques, String overallRationale, String expertId, int expertTier, String state,
                                   String submittedAt, JsonNode reviews, Map<String, String> texts, List<String> responseOrder,
                                   Provenance provenance) {

        public static Map<String, String> textsOf(JsonNode responses) {
            Map<String, String> texts = new HashMap<>();
            for (Iterator<JsonNode> it = responses.elements(); it.hasNext(); ) {
                JsonNode r = it.next();
                texts.put(r.get("id").asText(), r.get("text").asText());
            }
            return texts;
        }

        /** Response id → text from the ids and the texts in the same order (a later repeat of an id wins, as above). */
        public static Map<String, String> textsOf(List<String> ids, String[] texts) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                map.put(ids.get(i), texts[i]);
            }
            return map;
        }

        String text(String id) {
            return texts.get(id);
        }

        /** The labels the expert saw, A, B, C…, each with the original id of the response it showed. */
        ObjectNode labels(ObjectMapper json) {
            ObjectNode labels = json.createObjectNode();
            for (int i = 0; i < responseOrder.size(); i++) {
                labels.put(ResponseShuffle.label(i), responseOrder.get(i));
            }
            return labels;
        }
    }

    @FunctionalInterface
    interface PairConsumer {
        void accept(String better, String worse, int rankGap) throws IOException;
    }

    /** Every ordered pair of the ranking, better first: n(n−1)/2 pairs for n responses. */
    static void forEachPair(ExportedJudgment j, PairConsumer consumer) throws IOException {
        List<String> ranking = j.ranking();
        for (int a = 0; a < ranking.size(); a++) {
            for (int b = a + 1; b < ranking.size(); b++) {
                consumer.accept(ranking.get(a), ranking.get(b), b - a);
            }
        }
    }
}
