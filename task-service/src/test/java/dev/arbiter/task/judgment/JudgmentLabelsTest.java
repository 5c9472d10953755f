package dev.arbiter.task.judgment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.judgment.model.JudgmentLabels;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.service.JudgmentValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stored judgment turns back into exactly what its expert submitted, label for label. */
class JudgmentLabelsTest {

    @Test
    void shouldGiveBackTheSubmittedJudgmentInTheExpertsLabels() {
        LabelledJudgment submitted = JudgmentValidatorTest.valid();
        Judgment stored = JudgmentValidator.translate(submitted, JudgmentValidatorTest.PAIRWISE);

        LabelledJudgment back = JudgmentLabels.toLabels(stored, JudgmentValidatorTest.PAIRWISE.order());

        assertEquals(submitted, back);
        assertEquals(List.of(), JudgmentValidator.check(back, JudgmentValidatorTest.PAIRWISE),
                "sent back unchanged it is a valid submission");
    }

    @Test
    void shouldFollowTheTasksOwnOrderNotTheItems() {
        Judgment stored = new Judgment(List.of("r3", "r1", "r2"), null, Map.of("r1", Map.of("accuracy", 2)),
                Map.of("accuracy", "because"), List.of(new Judgment.Critique("r2", null, "OTHER", "MINOR", "thin")), "fine");

        LabelledJudgment back = JudgmentLabels.toLabels(stored, List.of("r2", "r3", "r1"));

        assertEquals(List.of("B", "C", "A"), back.ranking());
        assertEquals(Map.of("C", Map.of("accuracy", com.fasterxml.jackson.databind.node.IntNode.valueOf(2))), back.scores());
        assertEquals("A", back.critiques().get(0).label());
    }

    @Test
    void shouldRefuseAResponseTheTaskNeverShowed() {
        Judgment stored = new Judgment(List.of("r9"), null, Map.of(), Map.of(), List.of(), "x");
        assertThrows(IllegalArgumentException.class, () -> JudgmentLabels.toLabels(stored, List.of("r1")));
    }
}
