package dev.arbiter.task.session.model;

/** Why a work session closed ({@code work_session.close_reason}). */
public enum CloseReason {
    /** The expert submitted the judgment. */
    SUBMITTED,
    /** The expert gave the task back. */
    RELEASED,
    /** The lease ran out (found by a claim or the sweep). */
    EXPIRED
}
