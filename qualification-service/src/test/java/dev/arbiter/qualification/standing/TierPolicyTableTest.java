package dev.arbiter.qualification.standing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.qualification.grant.model.StandingSource;
import dev.arbiter.qualification.standing.TierPolicy.Decision;
import dev.arbiter.qualification.standing.TierPolicy.Outcome;
import dev.arbiter.qualification.standing.TierPolicy.Standing;
import org.junit.jupiter.api.Test;

class TierPolicyTableTest {

    /** Today's defaults: 10 decided judgments since the last change, promote at >= 0.85, demote below 0.5, tiers 1..3. */
    private static final TierPolicy POLICY = new TierPolicy(10, 0.85, 0.5, 1, 3);

    /**
     * A standing in a few characters: {@code -} none, {@code x@20} revoked (baseline 20), otherwise the source
     * (E evidence, A admin grant, Q quality), the tier and the decided-judgment baseline, e.g. {@code E2@0}.
     */
    private static Standing standing(String s) {
        if (s.equals("-")) {
            return Standing.NONE;
        }
        int baseline = Integer.parseInt(s.substring(s.indexOf('@') + 1));
        if (s.startsWith("x")) {
            return Standing.revoked(baseline);
        }
        StandingSource source = switch (s.charAt(0)) {
            case 'E' -> StandingSource.EVIDENCE;
            case 'A' -> StandingSource.ADMIN_GRANT;
            default -> StandingSource.QUALITY;
        };
        return Standing.held(s.charAt(1) - '0', source, baseline);
    }

    private static void check(Decision actual, Object outcome, Object tier, String row) {
        assertEquals(outcome, actual.outcome(), row + " (" + actual.why() + ")");
        assertEquals(tier, actual.tier(), row + " (" + actual.why() + ")");
    }

    @Test
    void shouldMoveTiersOnQualityByTheTable() {
        Object[][] table = {
                // standing, score, decided judgments so far -> outcome, tier after
                // promotion, at the threshold and at the evidence minimum
                {"E1@0", 0.85, 10, Outcome.PROMOTED, 2},
                {"E1@0", 0.99, 9, Outcome.UNCHANGED, 1},
                {"Q2@10", 0.90, 20, Outcome.PROMOTED, 3},
                {"Q2@10", 0.90, 19, Outcome.UNCHANGED, 2},
                {"E1@0", 0.8499, 50, Outcome.UNCHANGED, 1},
                // demotion, just below the threshold and at the evidence minimum
                {"E3@0", 0.4999, 10, Outcome.DEMOTED, 2},
                {"E3@0", 0.50, 10, Outcome.UNCHANGED, 3},
                {"Q2@10", 0.10, 19, Outcome.UNCHANGED, 2},
                {"Q2@10", 0.10, 20, Outcome.DEMOTED, 1},
                // the evidence counts from the last change, whoever made it (a grant stands until new evidence)
                {"A2@40", 0.10, 49, Outcome.UNCHANGED, 2},
                {"A2@40", 0.10, 50, Outcome.DEMOTED, 1},
                {"A2@40", 0.95, 50, Outcome.PROMOTED, 3},
                // tier bounds: never above the highest, never below the lowest (only an admin ends a standing)
                {"Q3@0", 1.00, 99, Outcome.UNCHANGED, 3},
                {"Q1@0", 0.00, 99, Outcome.UNCHANGED, 1},
                // in between the thresholds the tier stays
                {"E2@0", 0.70, 99, Outcome.UNCHANGED, 2},
                // fewer decided judgments than at the last change (a dispute reopened one): no evidence
                {"Q2@30", 0.10, 25, Outcome.UNCHANGED, 2},
                // nothing to move
                {"-", 0.99, 99, Outcome.UNCHANGED, null},
                {"x@0", 0.99, 99, Outcome.UNCHANGED, null},
        };
        for (Object[] row : table) {
            String name = row[0] + " score " + row[1] + " decided " + row[2];
            check(POLICY.onQuality(standing((String) row[0]), (Double) row[1], (Integer) row[2]), row[3], row[4], name);
        }
    }

    @Test
    void shouldLetStumpingEvidenceAdmitAndRaiseButNeverLowerNorOverrideQualityOrAGrant() {
        Object[][] table = {
                // standing, tier the evidence supports -> outcome, tier after
                {"-", 1, Outcome.QUALIFIED, 1},
                {"-", 3, Outcome.QUALIFIED, 3},
                {"E1@0", 2, Outcome.RAISED, 2},
                {"E1@0", 3, Outcome.RAISED, 3},
                {"E2@0", 2, Outcome.UNCHANGED, 2},
                {"E3@0", 1, Outcome.UNCHANGED, 3}, // evidence never lowers
                {"Q2@10", 3, Outcome.UNCHANGED, 2}, // a quality demotion (3 -> 2) is not undone by more questions
                {"Q1@10", 2, Outcome.UNCHANGED, 1},
                {"A1@0", 3, Outcome.UNCHANGED, 1}, // an admin's explicit tier stands
                {"x@0", 3, Outcome.UNCHANGED, null}, // a revoked standing comes back only by an admin's grant
        };
        for (Object[] row : table) {
            String name = row[0] + " evidence for tier " + row[1];
            check(POLICY.onEvidence(standing((String) row[0]), (Integer) row[1]), row[2], row[3], name);
        }
    }

    @Test
    void shouldHonourConfiguredThresholdsAndBounds() {
        TierPolicy strict = new TierPolicy(3, 0.95, 0.7, 1, 2);
        check(strict.onQuality(standing("E1@0"), 0.96, 3), Outcome.PROMOTED, 2, "configured promotion");
        check(strict.onQuality(standing("E1@0"), 0.94, 3), Outcome.UNCHANGED, 1, "below the configured promotion");
        check(strict.onQuality(standing("E2@0"), 0.96, 3), Outcome.UNCHANGED, 2, "at the configured highest tier");
        check(strict.onQuality(standing("E2@0"), 0.69, 3), Outcome.DEMOTED, 1, "configured demotion");
        check(strict.onQuality(standing("E2@0"), 0.69, 2), Outcome.UNCHANGED, 2, "below the configured evidence");
        check(strict.onEvidence(standing("-"), 3), Outcome.QUALIFIED, 2, "evidence capped at the configured highest tier");
    }
}
