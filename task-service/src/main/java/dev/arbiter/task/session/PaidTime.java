package dev.arbiter.task.session;

/**
 * What of a session's active time is paid without an admin's approval: the active time up to the cap,
 * twice the job's expected minutes per item (DESIGN, Payouts). The rest is over the cap and waits for an
 * admin. A QA review has the same cap as the work it reviews: a reviewer reads the same item and
 * judgment, and their session counts for the same span as a lease ({@code lease-factor} × the job's
 * expected minutes).
 */
public record PaidTime(long activeSeconds, long capSeconds, long paidSeconds, long overCapSeconds) {

    public static final int CAP_FACTOR = 2;

    /** The most a session of a job expecting this many minutes per item is paid without an admin's approval. */
    public static long capSeconds(int expectedMinutesPerItem) {
        if (expectedMinutesPerItem < 1) {
            throw new IllegalArgumentException("expected minutes must be ≥ 1");
        }
        return (long) CAP_FACTOR * expectedMinutesPerItem * 60;
    }

    public static PaidTime of(long activeSeconds, int expectedMinutesPerItem) {
        if (activeSeconds < 0) {
            throw new IllegalArgumentException("active seconds must be ≥ 0");
        }
        long cap = capSeconds(expectedMinutesPerItem);
        long paid = Math.min(activeSeconds, cap);
        return new PaidTime(activeSeconds, cap, paid, activeSeconds - paid);
    }
}
