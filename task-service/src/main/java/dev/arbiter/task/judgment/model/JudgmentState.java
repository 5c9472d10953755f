package dev.arbiter.task.judgment.model;

/**
 * Where a judgment stands ({@code judgment.state}): SUBMITTED until a reviewer decides; REVISION while
 * its author revises it; ACCEPTED or REJECTED once decided; DISPUTED while an admin decides a lab's
 * dispute of an accepted judgment. VOID once an admin confirmed fraud in the session that wrote it: never
 * exported, outside agreement, progress and quality; {@code state_before_void} keeps what it was, for an
 * overturned appeal to restore.
 */
public enum JudgmentState {
    SUBMITTED, REVISION, ACCEPTED, REJECTED, DISPUTED, VOID;

    /** Judgments that count towards progress and agreement: submitted and not (yet) rejected or sent back. */
    public static final JudgmentState[] COUNTED = {SUBMITTED, ACCEPTED, DISPUTED};
    /** Judgments that still await somebody's decision or work. */
    public static final JudgmentState[] UNDECIDED = {SUBMITTED, REVISION, DISPUTED};
}
