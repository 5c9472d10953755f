package dev.arbiter.payout.batch.service;

/** One payee's line of a batch: waiting for the provider, paid, or failed (its money back to payable). */
public enum LineStatus {
    IN_BATCH, PAID, FAILED;

    public boolean settled() {
        return this != IN_BATCH;
    }
}
