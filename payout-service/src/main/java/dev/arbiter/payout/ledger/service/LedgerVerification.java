package dev.arbiter.payout.ledger.service;

import java.util.List;

/**
 * The result of re-checking the whole ledger: every transaction balances, the trial balance is zero per currency,
 * each account's stored balance equals the sum of its entries, and no account that must not go negative is.
 */
public record LedgerVerification(boolean balanced, long transactions, long entries, List<String> discrepancies) {
}
