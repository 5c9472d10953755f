package dev.arbiter.simulator.judge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgePromptTest {

    @Test
    void shouldSplitTheSectionsAndIgnoreTheInstructionsBeforeThem() {
        JudgePrompt prompt = JudgePrompt.parse("""
                You are a strict grader. Reply with JSON.
                ### QUESTION
                What protects directors?
                ### RUBRIC
                Mention good faith.
                ### reference
                The business judgment rule.
                ###CANDIDATE:
                It is the business judgment rule.
                Second line.
                """).orElseThrow();
        assertEquals("What protects directors?", prompt.question());
        assertEquals("The business judgment rule.", prompt.reference());
        assertEquals("It is the business judgment rule.\nSecond line.", prompt.candidate());
        assertEquals("Mention good faith.", prompt.rubric());
    }

    @Test
    void shouldNotParseAMessageWithoutReferenceOrCandidate() {
        assertTrue(JudgePrompt.parse("### QUESTION\nq\n### CANDIDATE\nc").isEmpty());
        assertTrue(JudgePrompt.parse("Is 'c' a correct answer to 'q'?").isEmpty());
    }
}
