package dev.arbiter.task.session.decision.model;

/** What a decision did to the session's judgment, as the audit trail records it ({@code session_case_audit.judgment_effect}). */
public enum JudgmentEffect {
    /** Nothing to do: no judgment, or a decision that leaves it as it is. */
    NONE,
    /** The judgment (and its task) became VOID and its slot reopened. */
    VOIDED,
    /** Another confirmed session of the same task had voided it already. */
    ALREADY_VOID,
    /** Back to its state before the void, on its own slot. */
    RESTORED,
    /** Back to its state before the void, on a fresh slot of the item: its own had been taken meanwhile. */
    RESTORED_ON_NEW_SLOT,
    /** Overturned, but another session of the same task is still confirmed: the judgment stays void. */
    STILL_VOID,
    /** A confirmed QA review: the judgment it accepted is drawn for an admin spot check. */
    SPOT_CHECK
}
