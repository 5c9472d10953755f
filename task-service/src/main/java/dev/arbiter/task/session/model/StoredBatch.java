package dev.arbiter.task.session.model;

import java.time.Instant;

/**
 * A batch row read back: its events' canonical JSON as stored (inflated; empty when the stored value is
 * not a deflated batch any more) and the hash written beside them at receipt.
 */
public record StoredBatch(int seq, Instant receivedAt, int eventCount, byte[] eventsJson, byte[] batchHash) {
}
