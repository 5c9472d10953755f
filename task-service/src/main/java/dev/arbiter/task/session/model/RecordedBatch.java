package dev.arbiter.task.session.model;

import java.time.Instant;
import java.util.List;

/**
 * One batch of a session's log as read back: its number, when the server received it, and its events
 * with the browser's times.
 */
public record RecordedBatch(int seq, Instant receivedAt, List<SessionEvent> events) {
}
