package dev.arbiter.task.session.model;

import java.time.Instant;
import java.util.List;

/**
 * One batch of a session's log as stored: its number, when the server received it, and its events
 * with the browser's times. {@code readable} is false when the stored bytes no longer decode (a log
 * changed behind the service's back): its events are then empty and integrity checks name it.
 */
public record RecordedBatch(int seq, Instant receivedAt, List<SessionEvent> events, boolean readable) {

    public RecordedBatch(int seq, Instant receivedAt, List<SessionEvent> events) {
        this(seq, receivedAt, events, true);
    }
}
