package dev.arbiter.qualification.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTableTest {

    private static Grade g(char c) {
        return switch (c) {
            case 'C' -> Grade.of(true, "");
            case 'I' -> Grade.of(false, "");
            default -> Grade.noAnswer("down");
        };
    }

    private static StumpVerdict verdict(String mix) {
        List<Grade> grades = new ArrayList<>();
        for (char c : mix.toCharArray()) {
            grades.add(g(c));
        }
        return StumpVerdict.of(grades, 2);
    }

    @Test
    void shouldDecideEveryMixOfThreeModelsByTheTable() {
        // C = correct, I = incorrect, N = no answer (error, timeout, open circuit). Order does not matter.
        String[][] table = {
                {"CCC", "NOT_STUMPING"}, {"CCI", "NOT_STUMPING"}, {"CCN", "NOT_STUMPING"},
                {"CII", "STUMPING"}, {"CIN", "INCONCLUSIVE"}, {"CNN", "INCONCLUSIVE"},
                {"III", "STUMPING"}, {"IIN", "STUMPING"}, {"INN", "INCONCLUSIVE"}, {"NNN", "INCONCLUSIVE"},
        };
        for (String[] row : table) {
            for (String permutation : permutations(row[0])) {
                assertEquals(StumpVerdict.valueOf(row[1]), verdict(permutation), permutation);
            }
        }
    }

    @Test
    void shouldCoverAllTwentySevenMixesWithTheRule() {
        String letters = "CIN";
        int checked = 0;
        for (char a : letters.toCharArray()) {
            for (char b : letters.toCharArray()) {
                for (char c : letters.toCharArray()) {
                    String mix = "" + a + b + c;
                    long failures = mix.chars().filter(x -> x == 'I').count();
                    long missing = mix.chars().filter(x -> x == 'N').count();
                    StumpVerdict expected = failures >= 2 ? StumpVerdict.STUMPING
                            : failures + missing >= 2 ? StumpVerdict.INCONCLUSIVE : StumpVerdict.NOT_STUMPING;
                    assertEquals(expected, verdict(mix), mix);
                    checked++;
                }
            }
        }
        assertEquals(27, checked);
    }

    @Test
    void shouldNeverCountAMissingAnswerAsAFailure() {
        assertEquals(StumpVerdict.INCONCLUSIVE, verdict("NNI"));
        assertEquals(0, StumpVerdict.failures(List.of(g('N'), g('N'), g('N'))));
    }

    @Test
    void shouldSendUncertainJudgeVerdictsThatDecideTheOutcomeToAPerson() {
        Grade uncertainWrong = new Grade(Verdict.INCORRECT, 0.5, "ambiguous", true);
        assertEquals(StumpVerdict.NEEDS_HUMAN_GRADING, StumpVerdict.of(List.of(g('I'), uncertainWrong, g('C')), 2));
        // Two certain failures already decide it: the uncertain one does not matter.
        assertEquals(StumpVerdict.STUMPING, StumpVerdict.of(List.of(g('I'), g('I'), uncertainWrong), 2));
        // Cannot reach two failures even if the uncertain one were wrong.
        assertEquals(StumpVerdict.NOT_STUMPING, StumpVerdict.of(List.of(g('C'), g('C'), uncertainWrong), 3));
    }

    @Test
    void shouldDecideNothingWhenThereWasNoPanelToAsk() {
        assertEquals(StumpVerdict.INCONCLUSIVE, StumpVerdict.of(List.of(), 2));
    }

    @Test
    void shouldHonourAConfiguredMinFailures() {
        List<Grade> two = List.of(g('I'), g('I'), g('C'));
        assertEquals(StumpVerdict.STUMPING, StumpVerdict.of(two, 2));
        assertEquals(StumpVerdict.NOT_STUMPING, StumpVerdict.of(two, 3));
    }

    private static List<String> permutations(String s) {
        if (s.length() <= 1) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            for (String rest : permutations(s.substring(0, i) + s.substring(i + 1))) {
                out.add(s.charAt(i) + rest);
            }
        }
        return out;
    }
}
