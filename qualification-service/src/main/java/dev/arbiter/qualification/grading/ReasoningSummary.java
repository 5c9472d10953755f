package dev.arbiter.qualification.grading;

/**
 * What an author is told about a grade. The judge model's own reasoning is for admins: to an author it would
 * be an oracle, a way to probe, question after question, how the judge reads references and rubrics (it may
 * quote them, name its measures and thresholds) until a rubric fails correct answers. Authors get the verdict
 * in our words; grades we compute ourselves (exact, numeric, multiple choice) keep their short reason.
 * Never longer than {@value #MAX_LENGTH} characters.
 */
public final class ReasoningSummary {

    public static final int MAX_LENGTH = 200;
    public static final String HELD_PREFIX = "Held for a person: ";

    private ReasoningSummary() {
    }

    /**
     * @param judged   graded by the judge model (FREE_FORM), not by our own rules
     * @param reasoning the stored reasoning (the judge's, or ours)
     */
    public static String forAuthor(boolean judged, Verdict verdict, boolean uncertain, String reasoning) {
        if (!judged || verdict == Verdict.NO_ANSWER) {
            return bounded(reasoning);
        }
        if (uncertain) {
            if (reasoning != null && reasoning.startsWith(HELD_PREFIX)) {
                int end = reasoning.indexOf(". ", HELD_PREFIX.length());
                String why = end < 0 ? reasoning.substring(HELD_PREFIX.length()) : reasoning.substring(HELD_PREFIX.length(), end);
                return bounded("The judge's verdict waits for an admin: " + why + ".");
            }
            return "The judge was not confident about this answer; an admin grades it.";
        }
        return verdict == Verdict.CORRECT ? "The judge found this answer correct."
                : "The judge found this answer incorrect.";
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
