package dev.arbiter.qualification.keyreview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.qualification.keyreview.KeyReviewOutcome.Decision;
import dev.arbiter.qualification.keyreview.KeyReviewOutcome.Review;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyReviewOutcomeTableTest {

    /**
     * One review as two letters: the verdict, A (approves the key) or R (finds it wrong, ambiguous or not
     * expert-level), then the blind answer, Y (reached the key), N (did not) or F (free-form: not graded).
     */
    private static Review r(String code) {
        Boolean blind = switch (code.charAt(1)) {
            case 'Y' -> true;
            case 'N' -> false;
            default -> null;
        };
        return new Review(code.charAt(0) == 'A', blind);
    }

    private static KeyReviewOutcome outcome(String reviews, int approvalsRequired) {
        List<Review> list = new ArrayList<>();
        for (String code : reviews.isBlank() ? new String[0] : reviews.split(" ")) {
            list.add(r(code));
        }
        return KeyReviewOutcome.of(list, approvalsRequired);
    }

    @Test
    void shouldDecideByTheTable() {
        // reviews, approvals required, decision, reviews required in all
        Object[][] table = {
                {"", 1, Decision.PENDING, 1},
                {"AY", 1, Decision.VALID, 1},
                {"AF", 1, Decision.VALID, 1},
                {"AN", 1, Decision.PENDING, 2},
                {"AN AY", 1, Decision.VALID, 2},
                {"AN AF", 1, Decision.VALID, 2},
                {"AN AN", 1, Decision.PENDING, 3},
                {"RY", 1, Decision.REJECTED, 1},
                {"RN", 1, Decision.REJECTED, 1},
                {"AN RY", 1, Decision.REJECTED, 2},
                {"AY", 2, Decision.PENDING, 2},
                {"AY AY", 2, Decision.VALID, 2},
                {"AY AF", 2, Decision.VALID, 2},
                {"AY AN", 2, Decision.PENDING, 3},
                {"AY AN AY", 2, Decision.VALID, 3},
                {"AN AN AY", 2, Decision.PENDING, 4},
                {"AY AY RY", 2, Decision.REJECTED, 2},
                {"AY RF", 2, Decision.REJECTED, 2},
        };
        for (Object[] row : table) {
            KeyReviewOutcome o = outcome((String) row[0], (Integer) row[1]);
            String label = "'" + row[0] + "' needing " + row[1];
            assertEquals(row[2], o.decision(), label);
            assertEquals(row[3], o.reviewsRequired(), label);
        }
    }

    @Test
    void shouldFollowTheRuleForEveryMixOfUpToThreeReviews() {
        String[] codes = {"AY", "AN", "AF", "RY", "RN", "RF"};
        List<String> mixes = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int size = 1; size <= 3; size++) {
            List<String> longer = new ArrayList<>();
            for (String mix : previous) {
                for (String code : codes) {
                    longer.add(mix.isEmpty() ? code : mix + " " + code);
                }
            }
            mixes.addAll(longer);
            previous = longer;
        }
        assertEquals(1 + 6 + 36 + 216, mixes.size());
        for (String mix : mixes) {
            for (int required = 1; required <= 2; required++) {
                long rejecting = mix.isEmpty() ? 0 : List.of(mix.split(" ")).stream().filter(c -> c.startsWith("R")).count();
                long counted = mix.isEmpty() ? 0 : List.of(mix.split(" ")).stream().filter(c -> c.equals("AY") || c.equals("AF")).count();
                Decision expected = rejecting > 0 ? Decision.REJECTED : counted >= required ? Decision.VALID : Decision.PENDING;
                assertEquals(expected, outcome(mix, required).decision(), mix + " needing " + required);
            }
        }
    }

    @Test
    void shouldNeverCountAnApprovalWhoseBlindAnswerMissedTheKey() {
        assertEquals(0, outcome("AN AN AN", 1).approvalsCounted());
        assertEquals(Decision.PENDING, outcome("AN AN AN", 1).decision());
        assertEquals(1, outcome("AN AY", 2).approvalsCounted());
    }

    @Test
    void shouldNeedPeerApprovalsOnlyWhereThatManyPeersAreQualified() {
        // qualified peers (never the author), configured peer approvals, approvals required
        int[][] table = {{0, 2, 1}, {1, 2, 1}, {2, 2, 2}, {5, 2, 2}, {0, 1, 1}, {3, 1, 1}, {2, 3, 1}, {3, 3, 3}};
        for (int[] row : table) {
            assertEquals(row[2], KeyReviewOutcome.approvalsRequired(row[0], row[1]), row[0] + " peers, " + row[1] + " configured");
        }
    }
}
