package dev.arbiter.payout.ledger.model;

/** What a ledger transaction did (ledger_transaction.kind); its cause columns say why. */
public enum PostingKind {
    /** An admin recorded a lab's deposit: PLATFORM_DEPOSITS → LAB_BALANCE. */
    FUNDING,
    /** Publishing a job: LAB_BALANCE → JOB_RESERVATION. */
    RESERVATION,
    /** A finalised session's pay: JOB_RESERVATION (and PLATFORM_CLEARING for a shortfall) → an expert stage. */
    ACCRUAL,
    /** A session line moved between two of the expert's stage accounts. */
    STAGE_CHANGE,
    /** Confirmed fraud: the line's amount back to where it was drawn from. */
    FORFEIT,
    /** An appeal overturned a confirmation: the forfeited amount is drawn again. */
    REINSTATEMENT,
    /** Written only by tests that prove what the database refuses. */
    TEST
}
