package dev.arbiter.task.review.model;

/** What a reviewer decides ({@code review.decision}; a lab's dispute is recorded with decision DISPUTE). */
public enum Decision {
    ACCEPT, REVISE, REJECT
}
