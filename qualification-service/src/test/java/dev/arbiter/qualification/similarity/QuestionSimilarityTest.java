package dev.arbiter.qualification.similarity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuestionSimilarityTest {

    private static final double T = QuestionSimilarity.DEFAULT_THRESHOLD;

    private static void duplicate(String a, String b) {
        double s = QuestionSimilarity.similarity(a, b);
        assertTrue(s >= T, "expected near-duplicates (" + s + "): " + a + " | " + b);
    }

    private static void distinct(String a, String b) {
        double s = QuestionSimilarity.similarity(a, b);
        assertTrue(s < T, "expected different questions (" + s + "): " + a + " | " + b);
    }

    @Test
    void shouldCatchParaphrases() {
        duplicate("What is the antidote for acetaminophen overdose?",
                "Which antidote is used for an overdose of acetaminophen?");
        duplicate("What is the first-line drug treatment for type 2 diabetes in most adults?",
                "In most adults, what is the first-line drug treatment of type-2 diabetes?");
        duplicate("Which SQL isolation level prevents phantom reads?",
                "Which isolation level in SQL prevents phantom reads?");
        duplicate("What does the business judgment rule protect directors from?",
                "The business judgment rule protects directors from what?");
        duplicate("Calculate the present value of 1000 received in 3 years at 5% interest.",
                "At 5% interest, calculate the present value of 1000 received in 3 years' time.");
        duplicate("What is the antidote for acetaminophen overdose?",
                "What is the antidote for acetominophen overdoses?"); // misspelt and inflected
    }

    @Test
    void shouldKeepDifferentQuestionsApart() {
        distinct("What is the antidote for acetaminophen overdose?", "What is the antidote for methanol poisoning?");
        distinct("Which SQL isolation level prevents phantom reads?", "Which SQL isolation level prevents dirty reads?");
        distinct("What is 17 * 23?", "What is 17 * 24?");
        distinct("Calculate the present value of 1000 received in 3 years at 5% interest.",
                "Calculate the present value of 1000 received in 3 years at 6% interest.");
        distinct("Who wrote the Federalist Papers?", "What is the capital of Australia?");
    }
}
