package dev.arbiter.payout.ledger.service;

/** An amount in integer minor units (cents, fen…) of a currency; never a floating-point number. */
public record Money(long amountMinor, String currency) {
}
