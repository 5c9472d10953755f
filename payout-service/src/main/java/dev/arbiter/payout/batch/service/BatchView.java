package dev.arbiter.payout.batch.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.payout.ledger.service.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A payout batch with its lines, one per payee, as admins see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(UUID id, BatchStatus status, LocalDate periodEnd, String currency, UUID createdBy, Instant createdAt,
                        UUID approvedBy, Instant approvedAt, Instant settledAt, List<Line> lines, Money total) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(UUID expertId, String displayName, Money amount, String reference, LineStatus status,
                       String settlementReference, String failureReason, Instant settledAt) {
    }
}
