package dev.arbiter.payout.statement.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.payout.ledger.service.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One session line as the expert sees it: the time, the rate and multiplier, the amount and its stage, why it is
 * held, and the time beyond the cap with what approving it would add (or added) and the admin's decision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementLine(UUID sessionId, UUID taskId, UUID jobId, String jobTitle, String kind, LocalDate day,
                            long activeSeconds, long paidSeconds, long overCapSeconds, Money hourlyRate,
                            BigDecimal tierMultiplier, Money amount, String stage, String holdReason, Money overCapAmount,
                            String overCapState, String overCapDecisionReason) {
}
