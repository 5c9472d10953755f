package dev.arbiter.task.job.service;

/**
 * Whether an organization's money covers one more job's budget (DESIGN, Payouts: publishing reserves the budget).
 * What it may still reserve is what it deposited less the budgets its jobs reserved when they were first published,
 * whatever those jobs have spent since: a budget stays reserved for its job. Pure; amounts in minor units.
 */
public record BudgetReservation(long fundedMinor, long reservedMinor, long budgetMinor) {

    public BudgetReservation {
        if (fundedMinor < 0 || reservedMinor < 0 || budgetMinor < 0) {
            throw new IllegalArgumentException("funded, reserved and budget must not be negative");
        }
    }

    /** What the organization may still reserve; negative if its deposits ever fell below its reservations. */
    public long availableMinor() {
        return fundedMinor - reservedMinor;
    }

    public boolean covers() {
        return availableMinor() >= budgetMinor;
    }
}
