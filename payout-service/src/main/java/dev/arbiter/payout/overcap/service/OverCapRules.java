package dev.arbiter.payout.overcap.service;

import dev.arbiter.payout.ledger.model.LedgerKind;
import dev.arbiter.platform.problem.ApiProblem;

/**
 * Whether an admin may decide a line's over-cap time now, and where approved money goes. Decided once; only a
 * line with time waiting for approval; approving accrues into the line's current stage, which must be one whose
 * money has not left for a payout yet (a batched or paid line's amount is fixed in its batch) nor been forfeited.
 * Refusing moves nothing and is always possible while the time waits. Pure.
 */
public final class OverCapRules {

    private OverCapRules() {
    }

    public static void check(String overCapState, boolean alreadyDecided, String stage, boolean approve) {
        if (alreadyDecided || "APPROVED".equals(overCapState) || "DECLINED".equals(overCapState)) {
            throw ApiProblem.conflict("over-cap-decided", "This session's over-cap time was already decided; it is decided once");
        }
        if (!"AWAITING_APPROVAL".equals(overCapState)) {
            throw ApiProblem.conflict("no-over-cap-time", "This session has no time beyond its cap waiting for approval");
        }
        if (approve && accountOf(stage) == null) {
            throw ApiProblem.conflict("line-not-accruable", "The line is " + stage + ": over-cap time is approved while the line "
                    + "is PENDING, HELD or PAYABLE (a batched or paid line's amount is fixed, a forfeited one is void)");
        }
    }

    /** The expert's account of a stage that can take an accrual; null for the others. */
    public static LedgerKind accountOf(String stage) {
        return switch (stage) {
            case "PENDING" -> LedgerKind.EXPERT_PENDING;
            case "HELD" -> LedgerKind.EXPERT_HELD;
            case "PAYABLE" -> LedgerKind.EXPERT_PAYABLE;
            default -> null;
        };
    }
}
