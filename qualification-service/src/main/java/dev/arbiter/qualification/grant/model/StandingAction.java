package dev.arbiter.qualification.grant.model;

/** A change of standing, as the audit log names it. */
public enum StandingAction {
    /** Qualified or raised by stumping evidence. */
    EARNED,
    /** Set by an admin. */
    GRANT,
    /** Ended by an admin. */
    REVOKE,
    /** Raised by measured work quality. */
    PROMOTED,
    /** Lowered by measured work quality. */
    DEMOTED
}
