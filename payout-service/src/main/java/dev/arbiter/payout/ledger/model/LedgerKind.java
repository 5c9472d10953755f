package dev.arbiter.payout.ledger.model;

import java.util.List;

/**
 * The accounts money moves through, each with the one owner its kind names. A lab's deposit lands on
 * LAB_BALANCE; publishing a job moves its budget to JOB_RESERVATION; a verified session's pay moves from the
 * reservation to the expert's stage accounts (PENDING, HELD, PAYABLE, IN_BATCH, PAID). The platform's three
 * accounts are the only ones that may go negative (the database refuses it for every other kind).
 */
public enum LedgerKind {
    LAB_BALANCE(Owner.ORGANIZATION),
    JOB_RESERVATION(Owner.JOB),
    EXPERT_PENDING(Owner.EXPERT),
    EXPERT_HELD(Owner.EXPERT),
    EXPERT_PAYABLE(Owner.EXPERT),
    EXPERT_IN_BATCH(Owner.EXPERT),
    EXPERT_PAID(Owner.EXPERT),
    /** Pays what a job's reservation cannot cover: an expert is never short because a lab's budget ran out. */
    PLATFORM_CLEARING(Owner.NONE),
    /** The outside world's side of lab deposits (negative: what labs have paid in). */
    PLATFORM_DEPOSITS(Owner.NONE),
    /** The outside world's side of paid payout batches. */
    PLATFORM_PAYOUTS(Owner.NONE);

    public static final List<LedgerKind> EXPERT_KINDS =
            List.of(EXPERT_PENDING, EXPERT_HELD, EXPERT_PAYABLE, EXPERT_IN_BATCH, EXPERT_PAID);

    /** Who an account of a kind belongs to, and the column that names it. */
    public enum Owner {
        EXPERT("expert_id"), ORGANIZATION("organization_id"), JOB("job_id"), NONE(null);

        private final String column;

        Owner(String column) {
            this.column = column;
        }

        /** The ledger_account column naming the owner; null for the platform's accounts. */
        public String column() {
            return column;
        }
    }

    private final Owner owner;

    LedgerKind(Owner owner) {
        this.owner = owner;
    }

    public Owner owner() {
        return owner;
    }

    public boolean mayGoNegative() {
        return owner == Owner.NONE;
    }
}
