package dev.arbiter.task.export.model;

import dev.arbiter.task.judgment.model.JudgmentState;

/** Which judgments an export holds ({@code status=} of the export request). */
public enum ExportStatus {
    /** Accepted by review: the default, what a lab trains on. */
    ACCEPTED(JudgmentState.ACCEPTED),
    /** Submitted and not rejected or sent back, whether decided or not. */
    SUBMITTED(JudgmentState.SUBMITTED, JudgmentState.ACCEPTED, JudgmentState.DISPUTED),
    /** Every judgment, whatever its state. */
    ALL(JudgmentState.values());

    private final JudgmentState[] states;

    ExportStatus(JudgmentState... states) {
        this.states = states;
    }

    public JudgmentState[] states() {
        return states.clone();
    }
}
