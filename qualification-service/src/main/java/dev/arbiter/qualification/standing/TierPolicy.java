package dev.arbiter.qualification.standing;

import dev.arbiter.qualification.grant.model.StandingSource;
import java.util.Locale;

/**
 * How an expert's tier in a domain moves. A pure function of the standing, the new evidence and the
 * rules; every case is in {@code TierPolicyTableTest}.
 *
 * <ul>
 *   <li><b>Quality</b> (task-service's measured facts) moves a held tier by one step: up at a score of
 *   {@code promoteAt} or more, down below {@code demoteBelow}, within {@code lowestTier..highestTier}, and
 *   only once {@code evidenceForMove} judgments have been decided since the tier last changed.</li>
 *   <li><b>Stumping evidence</b> admits an expert with no standing, and raises a tier that still rests
 *   on evidence alone. It never lowers a tier, and once quality has moved the tier or an admin has set
 *   it, new questions do not change it: work measured on real tasks and an admin's explicit decision
 *   outrank question writing, so writing questions never silently undoes a demotion.</li>
 *   <li><b>Admins</b> set a tier explicitly (grant, also after a revocation) or end the standing
 *   (revocation); neither needs this policy. A revoked standing is moved by nothing else.</li>
 * </ul>
 *
 * @param evidenceForMove decided judgments needed since the last change before quality moves a tier
 * @param promoteAt       a score at or above this promotes
 * @param demoteBelow     a score below this demotes
 * @param lowestTier      quality never moves a tier below this
 * @param highestTier     nor above this
 */
public record TierPolicy(int evidenceForMove, double promoteAt, double demoteBelow, int lowestTier, int highestTier) {

    public static TierPolicy of(TierRules rules) {
        return new TierPolicy(rules.evidenceForMove(), rules.promoteAt(), rules.demoteBelow(), rules.lowestTier(),
                rules.highestTier());
    }

    /**
     * An expert's standing as the policy sees it.
     *
     * @param tier                the tier held; null when there is no standing or it was revoked
     * @param revoked             an admin ended the standing
     * @param source              what the tier rests on (null without a standing)
     * @param judgmentsAtLastMove the decided-judgment count when the tier last changed
     */
    public record Standing(Integer tier, boolean revoked, StandingSource source, int judgmentsAtLastMove) {

        public static final Standing NONE = new Standing(null, false, null, 0);

        public static Standing held(int tier, StandingSource source, int judgmentsAtLastMove) {
            return new Standing(tier, false, source, judgmentsAtLastMove);
        }

        public static Standing revoked(int judgmentsAtLastMove) {
            return new Standing(null, true, null, judgmentsAtLastMove);
        }

        boolean isHeld() {
            return tier != null;
        }
    }

    public enum Outcome {
        /** No standing before; the evidence admits the expert. */
        QUALIFIED,
        /** Stronger stumping evidence raised the tier. */
        RAISED,
        PROMOTED,
        DEMOTED,
        UNCHANGED;

        public boolean changesTier() {
            return this != UNCHANGED;
        }
    }

    /** The outcome, the tier after it (null when there is none), and why, in words for the audit log. */
    public record Decision(Outcome outcome, Integer tier, String why) {
    }

    /** What quality facts do to a standing: {@code score} over {@code decidedJudgments} decided so far. */
    public Decision onQuality(Standing standing, double score, int decidedJudgments) {
        if (!standing.isHeld()) {
            return unchanged(standing, standing.revoked() ? "the standing was revoked" : "no standing to move");
        }
        int tier = standing.tier();
        int fresh = decidedJudgments - standing.judgmentsAtLastMove();
        String figures = String.format(Locale.ROOT, "quality %.2f over %d judgments decided since the last change",
                score, Math.max(fresh, 0));
        if (fresh < evidenceForMove) {
            return unchanged(standing, figures + "; " + evidenceForMove + " needed");
        }
        if (score >= promoteAt && tier < highestTier) {
            return new Decision(Outcome.PROMOTED, tier + 1, figures + String.format(Locale.ROOT, " (>= %.2f)", promoteAt));
        }
        if (score < demoteBelow && tier > lowestTier) {
            return new Decision(Outcome.DEMOTED, tier - 1, figures + String.format(Locale.ROOT, " (< %.2f)", demoteBelow));
        }
        return unchanged(standing, figures);
    }

    /** What stumping evidence supporting {@code evidenceTier} does to a standing. */
    public Decision onEvidence(Standing standing, int evidenceTier) {
        int supported = Math.max(lowestTier, Math.min(highestTier, evidenceTier));
        if (standing.revoked()) {
            return unchanged(standing, "the standing was revoked; only an admin restores it");
        }
        if (!standing.isHeld()) {
            return new Decision(Outcome.QUALIFIED, supported, "the evidence supports tier " + supported);
        }
        if (standing.source() != StandingSource.EVIDENCE) {
            return unchanged(standing, "the tier rests on " + standing.source() + ", which stumping evidence does not override");
        }
        if (supported <= standing.tier()) {
            return unchanged(standing, "the evidence supports tier " + supported + ", no more than held");
        }
        return new Decision(Outcome.RAISED, supported, "the evidence supports tier " + supported);
    }

    private static Decision unchanged(Standing standing, String why) {
        return new Decision(Outcome.UNCHANGED, standing.tier(), why);
    }
}
