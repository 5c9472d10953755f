package dev.arbiter.qualification.question;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.question.service.SubmissionAllowance;
import dev.arbiter.qualification.question.service.SubmissionAllowance.Limit;
import dev.arbiter.qualification.question.service.SubmissionAllowance.Refusal;
import dev.arbiter.qualification.question.service.SubmissionAllowance.Submission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionAllowanceTableTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** Three a quarter of an hour, nine panel calls a day: three exact questions to a panel of three. */
    final SubmissionAllowance allowance = new SubmissionAllowance(3, Duration.ofMinutes(15), 9);

    /** Submissions as "minutes ago:calls", oldest first. */
    static List<Submission> recent(String... entries) {
        List<Submission> out = new ArrayList<>();
        for (String e : entries) {
            String[] parts = e.split(":");
            out.add(new Submission(NOW.minus(Duration.ofMinutes(Long.parseLong(parts[0]))), Integer.parseInt(parts[1])));
        }
        return out;
    }

    @Test
    void shouldAllowOrRefuseByTheTable() {
        // recent submissions, cost, refused by (null: allowed), minutes until a submission fits
        Object[][] table = {
                {new String[] {}, 3, null, 0},
                {new String[] {"20:3", "10:3"}, 3, null, 0},
                {new String[] {"14:0", "10:0", "5:0"}, 3, Limit.RATE, 1},          // the oldest leaves the 15 min in 1 min
                {new String[] {"30:3", "14:0", "10:0", "5:0"}, 3, Limit.RATE, 1},  // older ones do not count
                {new String[] {"600:3", "300:3", "60:3"}, 3, Limit.PANEL_CALLS, 1440 - 600},
                {new String[] {"600:3", "300:3", "60:3"}, 6, Limit.PANEL_CALLS, 1440 - 300}, // two must leave
                {new String[] {"1441:3", "300:3", "60:3"}, 3, null, 0},            // more than a day ago
                {new String[] {"600:6"}, 6, Limit.PANEL_CALLS, 1440 - 600},        // a free-form question to a panel of three
                {new String[] {"600:3", "10:3", "8:3", "5:0"}, 3, Limit.PANEL_CALLS, 1440 - 600}, // both: the budget's wait
        };
        for (Object[] row : table) {
            String label = String.join(", ", (String[]) row[0]) + " + " + row[1];
            Optional<Refusal> refusal = allowance.check(recent((String[]) row[0]), (Integer) row[1], NOW);
            if (row[2] == null) {
                assertTrue(refusal.isEmpty(), label);
                continue;
            }
            assertEquals(row[2], refusal.orElseThrow().limit(), label);
            assertEquals(Duration.ofMinutes((Integer) row[3]), refusal.get().retryAfter(NOW), label);
        }
    }

    @Test
    void shouldSayWhatWasUsed() {
        Refusal budget = allowance.check(recent("600:3", "300:3", "60:3"), 3, NOW).orElseThrow();
        assertEquals(9, budget.used());
        assertEquals(3, budget.cost());
        Refusal rate = allowance.check(recent("14:0", "10:0", "5:0"), 3, NOW).orElseThrow();
        assertEquals(3, rate.used());
    }

    @Test
    void shouldNeverAdmitAQuestionThatCostsMoreThanADay() {
        Refusal refusal = allowance.check(List.of(), 12, NOW).orElseThrow();
        assertEquals(Limit.PANEL_CALLS, refusal.limit());
        assertEquals(Duration.ofHours(24), refusal.retryAfter(NOW));
    }

    @Test
    void shouldChargeOneCallPerModelAndOneMorePerJudgeGrading() {
        assertEquals(3, SubmissionAllowance.cost(AnswerType.EXACT, 3));
        assertEquals(3, SubmissionAllowance.cost(AnswerType.NUMERIC, 3));
        assertEquals(5, SubmissionAllowance.cost(AnswerType.MULTIPLE_CHOICE, 5));
        assertEquals(6, SubmissionAllowance.cost(AnswerType.FREE_FORM, 3));
    }

    @Test
    void shouldLookBackOverTheLongerOfTheTwoWindows() {
        assertEquals(Duration.ofHours(24), allowance.lookBack());
        assertEquals(Duration.ofHours(48), new SubmissionAllowance(3, Duration.ofHours(48), 9).lookBack());
    }

    @Test
    void shouldSayAWaitInWords() {
        assertEquals("12 s", SubmissionAllowance.inWords(Duration.ofSeconds(12)));
        assertEquals("1 s", SubmissionAllowance.inWords(Duration.ofMillis(10)));
        assertEquals("4 min 12 s", SubmissionAllowance.inWords(Duration.ofSeconds(252)));
        assertEquals("10 min", SubmissionAllowance.inWords(Duration.ofMinutes(10)));
        assertEquals("3 h 6 min", SubmissionAllowance.inWords(Duration.ofSeconds(3 * 3600 + 5 * 60 + 1)));
        assertEquals("24 h", SubmissionAllowance.inWords(Duration.ofHours(24)));
    }
}
