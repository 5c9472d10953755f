package dev.arbiter.task.session.model;

/** Why a work session closed ({@code work_session.close_reason}). */
public enum CloseReason {
    /** The expert submitted the judgment. */
    SUBMITTED,
    /** The expert gave the task back. */
    RELEASED,
    /** The session stopped counting before it was closed (a lease that ran out, a review left open). */
    EXPIRED,
    /** The reviewer decided on the judgment. */
    REVIEWED,
    /** Another reviewer decided on the judgment first. */
    SUPERSEDED
}
