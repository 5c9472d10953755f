package dev.arbiter.platform.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event this service could not apply, as an admin sees it (the envelope's bytes stay in the table). */
public record ParkedEvent(long seq, UUID eventId, String eventType, String producer, String aggregateId, String error,
                          int attempts, OffsetDateTime parkedAt, OffsetDateTime lastTryAt) {
}
