package dev.arbiter.qualification.question.model;

/** Where a question is in its life: evaluated by the panel, reviewed by peers, counted or not. */
public enum QuestionStatus {
    EVALUATING,
    /** Too few models answered to decide; asked again later (a bounded number of times). */
    INCONCLUSIVE,
    NOT_STUMPING,
    /** The judge was not confident enough on answers that decide the outcome: an admin grades them. */
    NEEDS_HUMAN_GRADING,
    AWAITING_REVIEW,
    VALID,
    REJECTED,
    DUPLICATE;

    public boolean pendingEvaluation() {
        return this == EVALUATING || this == INCONCLUSIVE;
    }
}
