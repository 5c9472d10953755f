package dev.arbiter.payout.payline;

import java.util.UUID;

/** What a stage move needs to know of a session line (session_pay) to tell others about it. */
public record PayLineRef(UUID sessionId, UUID expertId, UUID jobId, UUID organizationId, long amountMinor) {
}
