package dev.arbiter.qualification.grading;

/** One model's result on one question. */
public enum Verdict {
    CORRECT,
    INCORRECT,
    /** The model errored, timed out or was circuit-broken: it never counts as a failure. */
    NO_ANSWER
}
