package dev.arbiter.task.session.decision.model;

import dev.arbiter.task.session.model.SessionState;

/** An admin's decision on a flagged session ({@code session_case.decision}), and the state it leads to. */
public enum CaseDecision {
    /** The evidence does not show fraud: the session's pay is released. */
    CLEAR(SessionState.CLEARED),
    /** Fraud: the session's judgment is void and its pay forfeited. */
    CONFIRM(SessionState.CONFIRMED);

    private final SessionState outcome;

    CaseDecision(SessionState outcome) {
        this.outcome = outcome;
    }

    public SessionState outcome() {
        return outcome;
    }
}
