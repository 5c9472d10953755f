package dev.arbiter.task.job.model;

/**
 * Why a job is {@code PAUSED}, as the {@code job.pause_reason} check constraint allows it: its lab paused it, or
 * payout-service found that the budget's reservation cannot cover another session ({@code BudgetExhausted}).
 * A job paused for its budget takes no claims and cannot be published again by its lab; live tasks finish.
 */
public enum PauseReason {
    LAB, BUDGET_EXHAUSTED
}
