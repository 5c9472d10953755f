package dev.arbiter.payout.batch.rest;

/** {@code periodEnd}: an ISO date, not in the future; payable lines of days up to it are taken. */
public record CreateBatchRequest(String periodEnd) {
}
