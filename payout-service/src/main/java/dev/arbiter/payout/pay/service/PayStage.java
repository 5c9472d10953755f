package dev.arbiter.payout.pay.service;

import dev.arbiter.payout.ledger.model.LedgerKind;

/** Where a session line's money is (session_pay.stage); each stage but FORFEITED is one of the expert's accounts. */
public enum PayStage {
    PENDING(LedgerKind.EXPERT_PENDING),
    HELD(LedgerKind.EXPERT_HELD),
    PAYABLE(LedgerKind.EXPERT_PAYABLE),
    IN_BATCH(LedgerKind.EXPERT_IN_BATCH),
    PAID(LedgerKind.EXPERT_PAID),
    /** Back where it was drawn from (the job's reservation, the clearing account): on no expert account. */
    FORFEITED(null);

    private final LedgerKind account;

    PayStage(LedgerKind account) {
        this.account = account;
    }

    /** The expert account holding a line in this stage; null for FORFEITED. */
    public LedgerKind account() {
        return account;
    }

    public dev.arbiter.proto.payouts.v1.PayStage toProto() {
        return dev.arbiter.proto.payouts.v1.PayStage.valueOf("PAY_STAGE_" + name());
    }
}
