package dev.arbiter.task.session.decision.model;

import dev.arbiter.task.session.model.SessionState;

/** A second admin's decision on an expert's appeal ({@code session_case.appeal_decision}), and where it leaves the session. */
public enum AppealDecision {
    /** The confirmation stands. */
    UPHOLD(SessionState.CONFIRMED),
    /** The confirmation was wrong: the session ends CLEARED and its judgment is restored. */
    OVERTURN(SessionState.CLEARED);

    private final SessionState outcome;

    AppealDecision(SessionState outcome) {
        this.outcome = outcome;
    }

    public SessionState outcome() {
        return outcome;
    }
}
