package dev.arbiter.qualification.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumericAnswerTest {

    /** Generous: the scans take milliseconds; the patterns they replaced took 7 s for 200 spaces after "answer". */
    private static final Duration LINEAR = Duration.ofSeconds(2);
    private static final int ADVERSARIAL = 100_000;

    @Test
    void shouldRefuseReferencesTooLargeToHandleAtOnce() {
        assertTimeoutPreemptively(LINEAR, () -> {
            assertEquals(Optional.empty(), NumericAnswer.parseReference("1e100000000"));
            assertTrue(NumericAnswer.isSingleNumber("1e100000000"), "a number, only too large");
            assertEquals(Optional.empty(), NumericAnswer.parseReference("1e99999999999999999999999"));
            assertEquals(Optional.empty(), NumericAnswer.parseReference("1e101"));
            assertEquals(Optional.empty(), NumericAnswer.parseReference("1".repeat(51)));
            assertEquals(Optional.empty(), NumericAnswer.parseReference("0." + "0".repeat(200) + "1"));
        });
        assertEquals(Optional.of(new BigDecimal("1e100")), NumericAnswer.parseReference("1e100"));
        assertEquals(Optional.of(new BigDecimal("6.02214076e23")), NumericAnswer.parseReference("6.02214076e23"));
        assertEquals(Optional.of(new BigDecimal("1E-100")), NumericAnswer.parseReference("1e-100"));
        assertEquals(Optional.of(new BigDecimal("1".repeat(50))), NumericAnswer.parseReference("1".repeat(50)));
        assertTrue(NumericAnswer.parseReference("0").isPresent());
    }

    @Test
    void shouldBoundATolerance() {
        assertFalse(NumericAnswer.withinReferenceBounds(new BigDecimal("1e100000000")));
        assertFalse(NumericAnswer.withinReferenceBounds(new BigDecimal("1e-100000000")));
        assertFalse(NumericAnswer.withinReferenceBounds(new BigDecimal("0e-100000000")));
        assertTrue(NumericAnswer.withinReferenceBounds(new BigDecimal("0.5")));
        assertTrue(NumericAnswer.withinReferenceBounds(BigDecimal.ZERO));
    }

    @Test
    void shouldGradeAModelsHugeNumberAsOutOfRangeAtOnce() {
        ReferenceKey key = new ReferenceKey("q", AnswerType.NUMERIC, "1024", List.of(), new BigDecimal("0.5"), null);
        assertTimeoutPreemptively(LINEAR, () -> {
            for (String answer : List.of("The answer is 1e100000000", "1e99999999999999999999", "-1E+100000000",
                    "The answer is " + "9".repeat(5000), "answer: 1e-100000000")) {
                Grade grade = DeterministicGrader.grade(key, answer);
                assertEquals(Verdict.INCORRECT, grade.verdict(), answer);
                assertTrue(grade.reasoning().length() <= 200, grade.reasoning());
            }
            Grade big = DeterministicGrader.grade(key, "1e9999");
            assertEquals(Verdict.INCORRECT, big.verdict());
            assertTrue(big.reasoning().length() < 200, "a long number is shown short: " + big.reasoning());
        });
        assertEquals(Verdict.CORRECT, DeterministicGrader.grade(key, "1.024e3").verdict());
    }

    @Test
    void shouldReadNumbersInLinearTimeOnAdversarialText() {
        List<String> texts = List.of(
                "answer" + " ".repeat(ADVERSARIAL) + "x",
                "answer is" + " ".repeat(ADVERSARIAL) + "about",
                "the answer ".repeat(ADVERSARIAL / 11),
                "answer:" + " \t".repeat(ADVERSARIAL / 2) + "≈",
                "1" + ",111".repeat(ADVERSARIAL / 4) + ",11",
                "1".repeat(ADVERSARIAL) + "e",
                "-.".repeat(ADVERSARIAL / 2),
                "total = $ ".repeat(ADVERSARIAL / 10));
        assertTimeoutPreemptively(LINEAR, () -> {
            for (String text : texts) {
                NumericAnswer.read(text);
                NumericAnswer.parseReference(text);
            }
        });
    }

    @Test
    void shouldReadExactlyWhatThePatternsItReplacesRead() {
        Random random = new Random(7);
        String[] pieces = {"answer", "Answer", "RESULT", "total", "final value", "is", ":", "=", "≈", "about",
                "approximately", "~", "$", "€", " ", "  ", "\t", "\n", "1", "12", "123", "1234", ",", ",000", ".", ".5",
                "e", "E", "-", "−", "+", "%", "x", "the", "isotope", "a", "_", "7e3", "1,000,000"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int k = 0; k < n; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertEquals(OldPatterns.finalNumber(s), NumericAnswer.read(s).map(NumericAnswer.Reading::raw).orElse(null),
                    "final number of [" + s + "]");
            assertEquals(OldPatterns.wholeNumber(s), NumericAnswer.isSingleNumber(s), "whole number [" + s + "]");
        }
    }

    /** The regular expressions NumericAnswer used before its scans, as the oracle of what they must read. */
    private static final class OldPatterns {
        static final String NUMBER = "[-−]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|[-−]?\\.\\d+";
        static final Pattern ANY_NUMBER = Pattern.compile("(?<![\\w.])(" + NUMBER + ")");
        static final Pattern WHOLE_NUMBER = Pattern.compile("^\\s*[$€£¥]?\\s*(" + NUMBER + ")\\s*%?\\s*$");
        static final Pattern ANNOUNCED = Pattern.compile(
                "(?:answer|result|total|final value)\\s*(?:is|:|=|≈)?\\s*(?:approximately|about|~)?\\s*[$€£¥]?\\s*(" + NUMBER + ")",
                Pattern.CASE_INSENSITIVE);

        static String finalNumber(String text) {
            String found = null;
            Matcher announced = ANNOUNCED.matcher(text);
            while (announced.find()) {
                found = announced.group(1);
            }
            if (found == null) {
                Matcher any = ANY_NUMBER.matcher(text);
                while (any.find()) {
                    found = any.group(1);
                }
            }
            return found;
        }

        static boolean wholeNumber(String text) {
            return WHOLE_NUMBER.matcher(text).matches();
        }
    }
}
