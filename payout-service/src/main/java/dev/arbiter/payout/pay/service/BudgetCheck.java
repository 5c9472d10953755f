package dev.arbiter.payout.pay.service;

import dev.arbiter.platform.terms.PayArithmetic;

/**
 * Whether a job's remaining reservation still covers its live leases and one more claim, each at its worst case
 * (the cap's pay at the job's rate and the highest tier multiplier). When it does not, the job is paused: live
 * tasks may finish and are paid (by the clearing account if need be), new claims wait. Pure.
 */
public final class BudgetCheck {

    private BudgetCheck() {
    }

    /** The most one session of this job can accrue without an admin's approval. */
    public static long worstCaseMinor(long capSeconds, long hourlyRateMinor, int highestMultiplierBasisPoints) {
        return PayArithmetic.sessionAmountMinor(capSeconds, hourlyRateMinor, highestMultiplierBasisPoints);
    }

    /** What the live sessions and one more could cost at most. */
    public static long exposureMinor(long liveSessions, long worstCaseMinor) {
        return Math.multiplyExact(liveSessions + 1, worstCaseMinor);
    }

    /** True when the remaining reservation is below the exposure. */
    public static boolean exhausted(long remainingMinor, long liveSessions, long worstCaseMinor) {
        return remainingMinor < exposureMinor(liveSessions, worstCaseMinor);
    }

    /** The cap of a job: twice its expected minutes per item. */
    public static long capSeconds(int expectedMinutesPerItem) {
        return 2L * 60L * expectedMinutesPerItem;
    }
}
