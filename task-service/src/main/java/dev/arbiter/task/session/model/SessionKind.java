package dev.arbiter.task.session.model;

/** Why a work session was opened ({@code work_session.kind}). */
public enum SessionKind {
    /** A claim: the expert's first work on the task, capped at its lease. */
    CLAIM,
    /** A judgment sent back for revision: the author works on it again, capped like a lease. */
    REVISION
}
