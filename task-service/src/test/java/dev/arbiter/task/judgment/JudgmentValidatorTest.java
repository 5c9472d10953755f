package dev.arbiter.task.judgment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.model.LabelledJudgment.LabelledCritique;
import dev.arbiter.task.judgment.service.JudgmentValidator;
import dev.arbiter.task.judgment.service.JudgmentValidator.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of a judgment, each asserting the exact list of violations it produces. */
class JudgmentValidatorTest {

    static final JsonNodeFactory N = JsonNodeFactory.instance;
    static final List<Dimension> DIMENSIONS = List.of(new Dimension("accuracy", "Is it correct?", 1, 5),
            new Dimension("clarity", "Is it clear?", 1, 5));
    /** Label A shows r2, label B shows r1. */
    static final Map<String, String> TEXTS = Map.of("r1", "The sky is blue on a clear day.", "r2", "Water boils at 100 C.");
    static final Context PAIRWISE = new Context(Comparison.PAIRWISE, DIMENSIONS, 10, 200, List.of("r2", "r1"), TEXTS);
    static final Context RANK = new Context(Comparison.RANK, DIMENSIONS, 10, 200, List.of("r2", "r1", "r3"),
            Map.of("r1", "one", "r2", "two", "r3", "three"));

    static Map<String, Map<String, JsonNode>> scores(String... labels) {
        Map<String, Map<String, JsonNode>> scores = new LinkedHashMap<>();
        for (String label : labels) {
            scores.put(label, new LinkedHashMap<>(Map.of("accuracy", N.numberNode(4), "clarity", N.numberNode(3))));
        }
        return scores;
    }

    static Map<String, String> rationales() {
        return new LinkedHashMap<>(Map.of("accuracy", "A states the boiling point right.", "clarity", "Both are short and plain."));
    }

    static LabelledCritique critique(String label) {
        return new LabelledCritique(label, "sky is blue", "INCOMPLETE", "MINOR", "Does not answer the question.");
    }

    static LabelledJudgment valid() {
        return new LabelledJudgment(List.of("A", "B"), -2, scores("A", "B"), rationales(), List.of(critique("B")),
                "A answers the question, B does not.");
    }

    static LabelledJudgment with(LabelledJudgment j, List<String> ranking, Integer strength) {
        return new LabelledJudgment(ranking, strength, j.scores(), j.rationales(), j.critiques(), j.overallRationale());
    }

    static void assertViolations(LabelledJudgment judgment, Context context, Violation... expected) {
        assertEquals(List.of(expected), JudgmentValidator.check(judgment, context));
    }

    @Test
    void shouldFindNothingWrongWithACompleteJudgmentAndTranslateItToOriginalIds() {
        assertViolations(valid(), PAIRWISE);
        Judgment j = JudgmentValidator.translate(valid(), PAIRWISE);
        assertEquals(List.of("r2", "r1"), j.ranking());
        assertEquals(Map.of("accuracy", 4, "clarity", 3), j.scores().get("r2"));
        assertEquals("r1", j.critiques().get(0).responseId());
        assertEquals("sky is blue", j.critiques().get(0).quote());
    }

    @Test
    void shouldRequireABody() {
        assertViolations(null, PAIRWISE, new Violation("body", "a judgment is required"));
    }

    @Test
    void shouldRequireARankingOfEveryLabelOnce() {
        assertViolations(with(valid(), null, -2), PAIRWISE,
                new Violation("ranking", "is required: every label [A, B] in order of preference, best first"));
        assertViolations(with(valid(), List.of("A", "A"), -2), PAIRWISE,
                new Violation("ranking", "must name every label [A, B] exactly once, best first"));
        assertViolations(with(valid(), List.of("A", "C"), -2), PAIRWISE,
                new Violation("ranking", "must name every label [A, B] exactly once, best first"));
    }

    @Test
    void shouldRequireAPairwiseStrengthThatAgreesWithTheRanking() {
        assertViolations(with(valid(), List.of("A", "B"), null), PAIRWISE,
                new Violation("preferenceStrength", "is required: -3…-1 when A is better, 1…3 when B is better"));
        assertViolations(with(valid(), List.of("A", "B"), 0), PAIRWISE,
                new Violation("preferenceStrength", "must be -3…-1 (A is better) or 1…3 (B is better)"));
        assertViolations(with(valid(), List.of("A", "B"), 4), PAIRWISE,
                new Violation("preferenceStrength", "must be -3…-1 (A is better) or 1…3 (B is better)"));
        assertViolations(with(valid(), List.of("A", "B"), 2), PAIRWISE,
                new Violation("preferenceStrength", "says B is better but the ranking prefers A"));
    }

    @Test
    void shouldRefuseAStrengthInARankJob() {
        LabelledJudgment ranked = new LabelledJudgment(List.of("C", "A", "B"), 1, scores("A", "B", "C"), rationales(),
                List.of(new LabelledCritique("A", null, "STYLE", "MINOR", "Wordy."),
                        new LabelledCritique("B", "", "OTHER", "MAJOR", "Off topic.")), "C is the most complete.");
        assertViolations(ranked, RANK,
                new Violation("preferenceStrength", "applies to PAIRWISE jobs only; leave it out of a RANK judgment"));
        assertViolations(with(ranked, ranked.ranking(), null), RANK);
    }

    @Test
    void shouldRequireAWholeScoreInRangeForEveryLabelAndDimension() {
        Map<String, Map<String, JsonNode>> scores = scores("A", "B");
        scores.get("A").put("accuracy", N.numberNode(6));
        scores.get("A").put("clarity", N.textNode("5"));
        scores.get("B").put("accuracy", N.numberNode(4.5));
        scores.get("B").remove("clarity");
        scores.get("B").put("depth", N.numberNode(3));
        scores.put("Z", scores("A").get("A"));
        LabelledJudgment j = new LabelledJudgment(List.of("A", "B"), -1, scores, rationales(), List.of(critique("B")),
                "A answers the question, B does not.");
        assertViolations(j, PAIRWISE,
                new Violation("scores.Z", "is not a label of this task; the labels are [A, B]"),
                new Violation("scores.A.accuracy", "must be a whole number from 1 to 5"),
                new Violation("scores.A.clarity", "must be a whole number from 1 to 5"),
                new Violation("scores.B.accuracy", "must be a whole number from 1 to 5"),
                new Violation("scores.B.clarity", "is required: a whole number from 1 to 5"),
                new Violation("scores.B.depth", "is not a dimension of this job; the dimensions are [accuracy, clarity]"));
        LabelledJudgment none = new LabelledJudgment(List.of("A", "B"), -1, null, rationales(), List.of(critique("B")),
                "A answers the question, B does not.");
        assertViolations(none, PAIRWISE, new Violation("scores",
                "is required: a score for every response [A, B] on every dimension [accuracy, clarity]"));
    }

    @Test
    void shouldRequireARationalePerDimensionOfTheJobsMinimumLength() {
        Map<String, String> rationales = new LinkedHashMap<>();
        rationales.put("accuracy", "too short");
        rationales.put("style", "This is not a dimension of the job.");
        LabelledJudgment j = new LabelledJudgment(List.of("A", "B"), -1, scores("A", "B"), rationales, List.of(critique("B")),
                "x".repeat(201));
        assertViolations(j, PAIRWISE,
                new Violation("rationales.accuracy", "must have at least 10 characters"),
                new Violation("rationales.clarity", "is required: at least 10 characters"),
                new Violation("rationales.style", "is not a dimension of this job; the dimensions are [accuracy, clarity]"),
                new Violation("overallRationale", "must have at most 200 characters"));
    }

    @Test
    void shouldRequireACritiqueOfEveryLosingResponseWithKnownCategoryAndSeverityAndAnExactQuote() {
        LabelledJudgment uncritiqued = new LabelledJudgment(List.of("A", "B"), -1, scores("A", "B"), rationales(), null,
                "A answers the question, B does not.");
        assertViolations(uncritiqued, PAIRWISE, new Violation("critiques", "response B is not preferred and needs a critique"));
        List<LabelledCritique> bad = new ArrayList<>();
        bad.add(new LabelledCritique("B", "sky is green", "WRONG", "HUGE", " "));
        bad.add(new LabelledCritique("Q", null, "OTHER", "MINOR", "Unknown label."));
        bad.add(null);
        LabelledJudgment j = new LabelledJudgment(List.of("A", "B"), -1, scores("A", "B"), rationales(), bad,
                "A answers the question, B does not.");
        assertViolations(j, PAIRWISE,
                new Violation("critiques[0].quote", "must be a span quoted exactly from response B, or left out"),
                new Violation("critiques[0].category", "must be one of FACTUAL_ERROR, REASONING_ERROR, INCOMPLETE, "
                        + "INSTRUCTION_VIOLATION, HALLUCINATION, UNSAFE, STYLE, OTHER"),
                new Violation("critiques[0].severity", "must be one of MINOR, MAJOR, CRITICAL"),
                new Violation("critiques[0].comment", "is required"),
                new Violation("critiques[1].label", "must be one of A, B"),
                new Violation("critiques[2]", "must be an object"));
    }

    @Test
    void shouldCapTheNumberOfCritiques() {
        List<LabelledCritique> many = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            many.add(critique("B"));
        }
        LabelledJudgment j = new LabelledJudgment(List.of("A", "B"), -1, scores("A", "B"), rationales(), many,
                "A answers the question, B does not.");
        assertViolations(j, PAIRWISE, new Violation("critiques", "must hold at most 60 critiques"));
    }
}
