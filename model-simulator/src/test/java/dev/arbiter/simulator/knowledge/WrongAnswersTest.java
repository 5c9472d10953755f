package dev.arbiter.simulator.knowledge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrongAnswersTest {

    private static final String MC = "Which isolation level prevents phantom reads?\n"
            + "A) Read committed\nB) Repeatable read\nC) Serializable\nD) Read uncommitted";
    private static final List<String> MODELS = List.of("sim-atlas", "sim-borealis", "sim-cirrus", "m4", "m5", "m6");

    @Test
    void shouldGiveTheSameWrongAnswerEveryTime() {
        String question = "Why must equals and hashCode be overridden together?";
        assertEquals(WrongAnswers.forQuestion("sim-atlas", question, Set.of()),
                WrongAnswers.forQuestion("sim-atlas", "why must EQUALS and hashCode be overridden together", Set.of()));
    }

    @Test
    void shouldAnswerMultipleChoiceWithAnOfferedLetterThatNoAnswerKeyGives() {
        for (String model : MODELS) {
            String answer = WrongAnswers.forQuestion(model, MC, Set.of("C"));
            assertTrue(answer.matches("[ABD]"), model + " answered " + answer);
        }
    }

    @Test
    void shouldRecogniseInlineAndDottedOptions() {
        String inline = "Which drug? (A) Aspirin (B) Metformin (C) Insulin";
        String dotted = "Which drug?\na. Aspirin\nb. Metformin\nc. Insulin";
        for (String model : MODELS) {
            assertTrue(WrongAnswers.forQuestion(model, inline, Set.of("B")).matches("[AC]"));
            assertTrue(WrongAnswers.forQuestion(model, dotted, Set.of("(b) Metformin")).matches("[AC]"));
        }
    }

    @Test
    void shouldAnswerNumericQuestionsWithANumberFarFromEveryNumberInTheQuestion() {
        List<String> questions = List.of(
                "What is 17 * 23?",
                "How many bones are in the adult human body?",
                "What is the present value of $1,000 received in 2 years at a 10% discount rate?",
                "A portfolio returns 9% with a risk-free rate of 3% and volatility of 12%. What is its Sharpe ratio?",
                "Calculate 0.1 + 0.2.");
        for (String question : questions) {
            for (String model : MODELS) {
                String answer = WrongAnswers.forQuestion(model, question, Set.of());
                assertTrue(answer.matches("\\d+(\\.\\d+)?"), question + " → " + answer);
                double value = new BigDecimal(answer).doubleValue();
                for (double inQuestion : numbers(question)) {
                    assertTrue(value > 5 * inQuestion, question + " → " + answer + " is close to " + inQuestion);
                }
            }
        }
        assertNotEquals("391", WrongAnswers.forQuestion("sim-atlas", "What is 17 * 23?", Set.of()));
        assertTrue(WrongAnswers.forQuestion("sim-atlas", "Calculate 0.1 + 0.2.", Set.of()).matches("\\d+\\.\\d\\d"));
    }

    @Test
    void shouldAnswerAYearQuestionWithAYearOtherThanTheKnownOne() {
        for (String model : MODELS) {
            String answer = WrongAnswers.forQuestion(model, "In what year was the Magna Carta sealed?", Set.of("1215"));
            assertTrue(answer.matches("1[1-8]\\d\\d"), answer);
            assertTrue(Math.abs(Integer.parseInt(answer) - 1215) > 10, answer);
        }
    }

    @Test
    void shouldAnswerOtherQuestionsWithAHedgedSentenceMentioningNoRealConcept() {
        String answer = WrongAnswers.forQuestion("sim-cirrus",
                "Which doctrine enforces a promise made without consideration?", Set.of("Promissory estoppel"));
        assertTrue(answer.endsWith("."), answer);
        assertTrue(answer.split(" ").length >= 4, answer);
        assertTrue(!answer.toLowerCase().contains("estoppel"), answer);
    }

    private static List<Double> numbers(String text) {
        Matcher matcher = Pattern.compile("\\d+(?:\\.\\d+)?").matcher(text.replace(",", ""));
        List<Double> numbers = new java.util.ArrayList<>();
        while (matcher.find()) {
            numbers.add(Double.parseDouble(matcher.group()));
        }
        return numbers;
    }
}
