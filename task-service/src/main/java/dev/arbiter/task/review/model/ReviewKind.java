package dev.arbiter.task.review.model;

/** Which review a decision is ({@code review.kind}). */
public enum ReviewKind {
    /** QA review of a submitted judgment, by a qualified expert (never its author) or an admin. */
    REVIEW,
    /** An admin's second look at an accepted judgment drawn at random. */
    SPOT_CHECK,
    /** A lab disputed an accepted judgment; an admin decides. */
    DISPUTE
}
