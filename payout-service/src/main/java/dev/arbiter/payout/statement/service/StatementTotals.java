package dev.arbiter.payout.statement.service;

import dev.arbiter.payout.ledger.service.Money;

/**
 * The statement's lines summed by stage. Every amount in an expert's stage accounts came from a session line, so
 * over a range that holds all of an expert's lines these equal the balances of {@code GET /api/payouts/me}.
 * {@code overCapAwaitingApproval} is not money yet: what approving the lines' time beyond the cap would add.
 */
public record StatementTotals(Money pending, Money held, Money payable, Money inBatch, Money paid, Money forfeited,
                              Money overCapAwaitingApproval) {
}
