package dev.arbiter.payout.ledger.model;

import java.util.List;

/**
 * The accounts money moves through. An expert's worked time accrues as PENDING, moves to HELD while
 * its session is flagged, to PAYABLE once the judgment is accepted, and to PAID with a payout batch.
 */
public enum LedgerKind {
    EXPERT_PENDING, EXPERT_HELD, EXPERT_PAYABLE, EXPERT_PAID, PLATFORM_LABOR_EXPENSE, PLATFORM_CASH;

    public static final List<LedgerKind> EXPERT_KINDS = List.of(EXPERT_PENDING, EXPERT_HELD, EXPERT_PAYABLE, EXPERT_PAID);
}
