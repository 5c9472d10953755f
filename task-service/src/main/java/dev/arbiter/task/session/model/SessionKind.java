package dev.arbiter.task.session.model;

/** Why a work session was opened ({@code work_session.kind}). */
public enum SessionKind {
    /** A claim: the expert's first work on the task, counting until its lease ends. */
    CLAIM,
    /** A judgment sent back for revision: its author works on it again, counting as long as a lease. */
    REVISION,
    /** A QA review of another expert's judgment, by an expert reviewer, counting as long as a lease. */
    REVIEW
}
