package dev.arbiter.payout.ledger.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of an account's entries, newest first; {@code nextBefore} asks for the page after it (null at the end). */
public record AccountEntries(UUID accountId, String kind, Money balance, List<Entry> entries, Long nextBefore) {

    /** An entry with the transaction behind it: its kind and the session, batch, funding or job that caused it. */
    public record Entry(long id, Instant at, Money amount, UUID transactionId, String transactionKind, String description,
                        UUID sessionId, UUID batchId, UUID fundingId, UUID jobId) {
    }
}
