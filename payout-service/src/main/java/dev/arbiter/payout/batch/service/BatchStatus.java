package dev.arbiter.payout.batch.service;

/** A payout batch's life: created as a draft, approved by a second admin, settled when every line is. */
public enum BatchStatus {
    DRAFT, APPROVED, SETTLED
}
