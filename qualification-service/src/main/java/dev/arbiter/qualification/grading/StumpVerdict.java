package dev.arbiter.qualification.grading;

import java.util.Collection;

/**
 * The panel's verdict on a question. A question stumps the panel only when at least
 * {@code minFailures} models answered and were graded incorrect; a model that gave no answer never
 * counts as a failure. When the missing (or not yet graded) answers could still change the outcome,
 * nothing is decided.
 */
public enum StumpVerdict {
    STUMPING,
    NOT_STUMPING,
    /** Too few answers to decide: asked again later. */
    INCONCLUSIVE,
    /** Judge verdicts below the confidence threshold decide the outcome: a person grades them. */
    NEEDS_HUMAN_GRADING;

    public static StumpVerdict of(Collection<Grade> grades, int minFailures) {
        if (grades.isEmpty()) {
            return INCONCLUSIVE; // no panel to ask (a provider list not reachable yet): nothing was decided
        }
        long failures = grades.stream().filter(g -> !g.uncertain() && g.verdict() == Verdict.INCORRECT).count();
        long uncertain = grades.stream().filter(g -> g.uncertain() && g.verdict() != Verdict.NO_ANSWER).count();
        long missing = grades.stream().filter(g -> g.verdict() == Verdict.NO_ANSWER).count();
        if (failures >= minFailures) {
            return STUMPING;
        }
        if (failures + uncertain + missing < minFailures) {
            return NOT_STUMPING;
        }
        if (uncertain > 0 && failures + uncertain >= minFailures) {
            return NEEDS_HUMAN_GRADING;
        }
        return INCONCLUSIVE;
    }

    public static long failures(Collection<Grade> grades) {
        return grades.stream().filter(g -> !g.uncertain() && g.verdict() == Verdict.INCORRECT).count();
    }
}
