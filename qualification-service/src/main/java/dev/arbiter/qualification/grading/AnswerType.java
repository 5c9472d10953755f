package dev.arbiter.qualification.grading;

/** How a question's reference answer is compared with a model's answer. */
public enum AnswerType {
    /** Normalised string match. */
    EXACT,
    /** The model's final number, within the question's tolerance. */
    NUMERIC,
    /** The option the model chose. */
    MULTIPLE_CHOICE,
    /** Graded by the judge model against the reference and rubric. */
    FREE_FORM
}
