package dev.arbiter.task.claim.model;

/**
 * One expert's assignment to one slot ({@code task.state}). A task is LEASED while the expert works,
 * RELEASED or EXPIRED when they gave it up, and then follows its judgment: SUBMITTED, REVISION,
 * ACCEPTED or REJECTED.
 */
public enum TaskState {
    LEASED, RELEASED, EXPIRED, SUBMITTED, REVISION, ACCEPTED, REJECTED;

    /** A task that no longer holds its slot nor counts against its expert for the item. */
    public boolean gaveUp() {
        return this == RELEASED || this == EXPIRED;
    }
}
