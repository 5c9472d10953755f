package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.judgment.model.Judgment.Critique;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTextsTest {

    @Test
    void shouldShowEachResponseUnderTheLabelThisExpertSaw() {
        Map<String, String> shown = SessionTexts.shown("Why?", List.of("r2", "r1", "r3"),
                Map.of("r1", "one", "r2", "two", "r3", "three"));
        assertEquals(List.of("prompt", "A", "B", "C"), List.copyOf(shown.keySet()));
        assertEquals(List.of("Why?", "two", "one", "three"), List.copyOf(shown.values()));
    }

    @Test
    void shouldNameAJudgmentsTextsByWorkbenchField() {
        Map<String, String> rationales = new LinkedHashMap<>();
        rationales.put("accuracy", "Right.");
        rationales.put("clarity", "");
        Map<String, String> texts = SessionTexts.ofJudgment(rationales, List.of(
                new Critique("r1", null, "FACTUAL_ERROR", "MAJOR", "Wrong figure."),
                new Critique("r2", "1 mg/kg", "SAFETY", "CRITICAL", "Dangerous dose.")), "Overall.");
        assertEquals(Map.of("rationale.accuracy", "Right.", "critique.0.comment", "Wrong figure.",
                "critique.1.comment", "Dangerous dose.", "critique.1.quote", "1 mg/kg", "overall", "Overall."), texts);
        assertEquals(Map.of("strengths", "Clear."), SessionTexts.ofReview("Clear.", ""));
    }
}
