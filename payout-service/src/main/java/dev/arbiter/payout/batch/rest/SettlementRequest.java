package dev.arbiter.payout.batch.rest;

import java.util.List;
import java.util.UUID;

/** The payment provider's outcome for some or all of a batch's payees. */
public record SettlementRequest(List<Line> lines) {

    public record Line(UUID expertId, String status, String reference, String reason) {
    }
}
