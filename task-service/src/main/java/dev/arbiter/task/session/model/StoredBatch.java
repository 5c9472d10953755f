package dev.arbiter.task.session.model;

import java.time.Instant;

/** A batch row exactly as stored: the events' bytes and the hash written beside them at receipt. */
public record StoredBatch(int seq, Instant receivedAt, int eventCount, byte[] events, byte[] batchHash) {
}
