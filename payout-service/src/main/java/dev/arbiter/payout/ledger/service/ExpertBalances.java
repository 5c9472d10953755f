package dev.arbiter.payout.ledger.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an expert sees of their pay: one balance per stage and the latest entries. */
public record ExpertBalances(String currency, Money pending, Money held, Money payable, Money inBatch, Money paid, List<Entry> entries) {

    public record Entry(Instant at, String account, Money amount, UUID transactionId, String description) {
    }
}
