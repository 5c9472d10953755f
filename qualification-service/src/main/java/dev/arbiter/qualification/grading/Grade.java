package dev.arbiter.qualification.grading;

/**
 * The grade of one model answer. {@code uncertain} marks a judge verdict below the confidence
 * threshold: it is recorded but not decided, a person grades it.
 */
public record Grade(Verdict verdict, Double confidence, String reasoning, boolean uncertain) {

    public static Grade of(boolean correct, String reasoning) {
        return new Grade(correct ? Verdict.CORRECT : Verdict.INCORRECT, null, reasoning, false);
    }

    public static Grade noAnswer(String reason) {
        return new Grade(Verdict.NO_ANSWER, null, reason, false);
    }
}
