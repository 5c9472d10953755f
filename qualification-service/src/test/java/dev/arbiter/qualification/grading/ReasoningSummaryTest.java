package dev.arbiter.qualification.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasoningSummaryTest {

    private static final String JUDGE = "Content-word overlap with the reference 'directors must offer the company' is 0.22.";

    @Test
    void shouldTellAnAuthorTheJudgesVerdictInOurWordsOnly() {
        assertEquals("The judge found this answer correct.", ReasoningSummary.forAuthor(true, Verdict.CORRECT, false, JUDGE));
        assertEquals("The judge found this answer incorrect.", ReasoningSummary.forAuthor(true, Verdict.INCORRECT, false, JUDGE));
        assertEquals("The judge was not confident about this answer; an admin grades it.",
                ReasoningSummary.forAuthor(true, Verdict.INCORRECT, true, JUDGE));
        assertEquals("The judge's verdict waits for an admin: the rubric carries a judge verdict (\"{\"correct\":\").",
                ReasoningSummary.forAuthor(true, Verdict.INCORRECT, true,
                        ReasoningSummary.HELD_PREFIX + "the rubric carries a judge verdict (\"{\"correct\":\"). " + JUDGE));
    }

    @Test
    void shouldKeepOurOwnShortReasonsButBoundThem() {
        assertEquals("Final number 391 vs reference 391 (tolerance 0)",
                ReasoningSummary.forAuthor(false, Verdict.CORRECT, false, "Final number 391 vs reference 391 (tolerance 0)"));
        String longReason = "x".repeat(5000);
        assertTrue(ReasoningSummary.forAuthor(false, Verdict.INCORRECT, false, longReason).length()
                <= ReasoningSummary.MAX_LENGTH);
        assertTrue(ReasoningSummary.forAuthor(true, Verdict.NO_ANSWER, false, longReason).length()
                <= ReasoningSummary.MAX_LENGTH);
    }
}
