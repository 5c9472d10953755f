package dev.arbiter.task.session;

import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.judgment.model.Judgment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts a session's signals compare its log with, by the names the workbench used while the
 * expert worked: what was shown (the prompt and each response under the label that expert saw) and
 * what was finally submitted (by workbench field). The signals only see the log's field names and
 * labels, so translating the stored judgment back to them is what lets them line the two up.
 */
public final class SessionTexts {

    public static final String PROMPT = "prompt";

    private SessionTexts() {
    }

    /**
     * The prompt under {@code prompt} and each response's text under the label it had in this task:
     * {@code order} is the task's response order (original ids, the first shown as A).
     */
    public static Map<String, String> shown(String prompt, List<String> order, Map<String, String> textById) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(PROMPT, prompt);
        for (int i = 0; i < order.size(); i++) {
            String text = textById.get(order.get(i));
            if (text != null) {
                shown.put(ResponseShuffle.label(i), text);
            }
        }
        return shown;
    }

    /**
     * A submitted judgment's texts by workbench field: {@code rationale.<key>}, {@code critique.<n>.comment},
     * {@code critique.<n>.quote} (when it has one; n is the critique's position, as in the workbench) and
     * {@code overall}. Empty texts are left out: nothing was written there.
     */
    public static Map<String, String> ofJudgment(Map<String, String> rationales, List<Judgment.Critique> critiques,
                                                 String overall) {
        Map<String, String> texts = new LinkedHashMap<>();
        rationales.forEach((key, text) -> put(texts, "rationale." + key, text));
        for (int n = 0; n < critiques.size(); n++) {
            put(texts, "critique." + n + ".comment", critiques.get(n).comment());
            put(texts, "critique." + n + ".quote", critiques.get(n).quote());
        }
        put(texts, "overall", overall);
        return texts;
    }

    /** A QA review's texts by the review workbench's fields. */
    public static Map<String, String> ofReview(String strengths, String issues) {
        Map<String, String> texts = new LinkedHashMap<>();
        put(texts, "strengths", strengths);
        put(texts, "issues", issues);
        return texts;
    }

    private static void put(Map<String, String> texts, String field, String text) {
        if (text != null && !text.isEmpty()) {
            texts.put(field, text);
        }
    }
}
