package dev.arbiter.task.session.model;

import java.time.Instant;

/**
 * A batch row read back: its events' canonical JSON as stored (inflated; empty when the stored value is
 * not a deflated batch any more) and the hash written beside them at receipt. {@code timingJson} is its raw
 * keystroke timing while kept (null once the retention dropped it, or for a batch without any), and
 * {@code timingHash} the hash of that timing written at receipt (null for batches stored before timing was
 * kept apart, and for batches without key events).
 */
public record StoredBatch(int seq, Instant receivedAt, int eventCount, byte[] eventsJson, byte[] batchHash,
                          byte[] timingJson, byte[] timingHash) {

    /** A batch without raw timing kept apart. */
    public StoredBatch(int seq, Instant receivedAt, int eventCount, byte[] eventsJson, byte[] batchHash) {
        this(seq, receivedAt, eventCount, eventsJson, batchHash, null, null);
    }
}
