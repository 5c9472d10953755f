package dev.arbiter.payout.ledger.service;

import java.util.List;

/** The result of re-checking the whole ledger: every transaction balances, no expert balance is negative. */
public record LedgerVerification(boolean balanced, long transactions, long entries, List<String> discrepancies) {
}
