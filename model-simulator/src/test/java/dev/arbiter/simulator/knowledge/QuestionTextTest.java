package dev.arbiter.simulator.knowledge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionTextTest {

    @Test
    void shouldIgnoreCaseSpacingAndSurroundingPunctuation() {
        assertEquals("what is the capital of france",
                QuestionText.normalize("  What IS the\t capital\n of   France?? "));
        assertEquals("o(1)", QuestionText.normalize("\"O(1).\""));
        assertEquals("(a) metformin", QuestionText.normalize("(A) Metformin."));
        assertEquals("what is x", QuestionText.normalize("(What is x?)"));
    }

    @Test
    void shouldFoldUnicodeCompatibilityForms() {
        assertEquals("abc 123 fi", QuestionText.normalize("ＡＢＣ\u3000１２３\u00a0ﬁ"));
    }

    @Test
    void shouldKeepInnerPunctuation() {
        assertEquals("is 2+2 = 4, or not", QuestionText.normalize("¿Is 2+2 = 4, or not?"));
    }

    @Test
    void shouldTokenizeWordsAndNumbersWhole() {
        assertEquals(List.of("it's", "3.5", "or", "1,000", "mg"), QuestionText.tokens("It's 3.5 -- or 1,000 mg!"));
    }

    @Test
    void shouldFindPhrasesOnWordBoundariesOnly() {
        assertTrue(QuestionText.containsPhrase("question: what is metformin for", "what is metformin"));
        assertFalse(QuestionText.containsPhrase("nothing", "not"));
    }
}
