package dev.arbiter.task.claim.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * One expert's assignment to one slot ({@code task.state}). A task is LEASED while the expert works,
 * RELEASED or EXPIRED when they gave it up, and then follows its judgment: SUBMITTED, REVISION,
 * ACCEPTED or REJECTED. VOID when an admin confirmed fraud in its session: it holds no slot and
 * {@code state_before_void} keeps what it was, for an overturned appeal to restore.
 */
public enum TaskState {
    LEASED, RELEASED, EXPIRED, SUBMITTED, REVISION, ACCEPTED, REJECTED, VOID;

    /** The states in which a task holds its slot (the {@code task_one_per_slot} index). */
    public static final Set<TaskState> HOLDS_SLOT = EnumSet.of(LEASED, SUBMITTED, REVISION, ACCEPTED);

    /** A task that no longer holds its slot nor counts against its expert for the item. */
    public boolean gaveUp() {
        return this == RELEASED || this == EXPIRED;
    }
}
