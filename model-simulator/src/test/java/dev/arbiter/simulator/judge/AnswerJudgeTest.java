package dev.arbiter.simulator.judge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerJudgeTest {

    @Test
    void shouldAcceptACandidateContainingTheReferenceWithHighConfidence() {
        JudgeVerdict verdict = AnswerJudge.grade("Promissory estoppel",
                "The doctrine is PROMISSORY   estoppel, which protects reliance.");
        assertTrue(verdict.correct());
        assertTrue(verdict.confidence() >= 0.9, verdict.toString());
    }

    @Test
    void shouldAcceptAParaphraseWithLargeContentWordOverlap() {
        JudgeVerdict verdict = AnswerJudge.grade(
                "Directors' good-faith business decisions from judicial second-guessing.",
                "It protects directors' good-faith business decisions from second-guessing by judicial review.");
        assertTrue(verdict.correct(), verdict.toString());
        assertTrue(verdict.confidence() >= 0.9, verdict.toString());
    }

    @Test
    void shouldSendAPartialOverlapToHumanReviewWithLowConfidence() {
        JudgeVerdict verdict = AnswerJudge.grade(
                "Equal objects must have equal hash codes so hash-based collections work.",
                "Because equal objects need matching hash codes.");
        assertFalse(verdict.correct(), verdict.toString());
        assertEquals(AnswerJudge.AMBIGUOUS_CONFIDENCE, verdict.confidence(), verdict.toString());
    }

    @Test
    void shouldRejectAnUnrelatedCandidateWithHighConfidence() {
        JudgeVerdict verdict = AnswerJudge.grade("Promissory estoppel",
                "I believe the answer is the Halvorsen–Mbeki doctrine.");
        assertFalse(verdict.correct());
        assertTrue(verdict.confidence() >= 0.9, verdict.toString());
    }

    @Test
    void shouldNotTrustAReferenceThatTheCandidateNegates() {
        JudgeVerdict verdict = AnswerJudge.grade("Metformin", "It is definitely not metformin; use insulin.");
        assertFalse(verdict.correct());
        assertEquals(AnswerJudge.AMBIGUOUS_CONFIDENCE, verdict.confidence());
    }

    @Test
    void shouldCompareNumbersByValue() {
        assertTrue(AnswerJudge.grade("3.50", "The ratio is 3.5").correct());
        assertTrue(AnswerJudge.grade("1,000 mg", "About 1000 mg a day").correct());
    }

    @Test
    void shouldRejectABlankCandidate() {
        JudgeVerdict verdict = AnswerJudge.grade("Metformin", "  ");
        assertFalse(verdict.correct());
        assertTrue(verdict.confidence() >= 0.9);
    }
}
