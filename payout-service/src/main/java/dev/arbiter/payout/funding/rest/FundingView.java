package dev.arbiter.payout.funding.rest;

import dev.arbiter.payout.ledger.service.Money;
import java.time.Instant;
import java.util.UUID;

/** A recorded deposit and the organization's balance right after it. */
public record FundingView(UUID id, UUID organizationId, Money amount, String reference, Money balance, UUID adminId,
                          Instant fundedAt) {
}
