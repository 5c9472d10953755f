package dev.arbiter.payout.overcap.service;

import dev.arbiter.payout.ledger.service.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of a session line's over-cap time: approved (its amount accrued into the line's current stage, the
 * line's amount now covers all of its active time) or refused (recorded, nothing moved).
 */
public record OverCapDecision(UUID sessionId, UUID expertId, boolean approved, String reason, Money accrued, Money lineAmount,
                              String stage, String overCapState, UUID decidedBy, Instant decidedAt) {
}
