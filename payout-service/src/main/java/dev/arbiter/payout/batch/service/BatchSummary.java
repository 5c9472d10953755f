package dev.arbiter.payout.batch.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.payout.ledger.service.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A batch in the list: its figures without its lines. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchSummary(UUID id, BatchStatus status, LocalDate periodEnd, UUID createdBy, Instant createdAt, UUID approvedBy,
                           Instant settledAt, int lineCount, Money total) {
}
