package dev.arbiter.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.arbiter.proto.common.v1.EventEnvelope;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Building and reading the one envelope every event travels in. */
public final class Envelopes {

    private Envelopes() {
    }

    /** A new envelope with a fresh event id and the current time; the caller sets the payload. */
    public static EventEnvelope.Builder newEnvelope(String producer, String aggregateId) {
        Instant now = Instant.now();
        return EventEnvelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer(producer)
                .setAggregateId(aggregateId);
    }

    /** The envelope in a record's bytes, or empty when they are not one (a poison record). */
    public static Optional<EventEnvelope> parse(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            EventEnvelope envelope = EventEnvelope.parseFrom(bytes);
            if (envelope.getEventId().isEmpty() || envelope.getPayloadCase() == EventEnvelope.PayloadCase.PAYLOAD_NOT_SET) {
                return Optional.empty();
            }
            UUID.fromString(envelope.getEventId());
            return Optional.of(envelope);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Instant occurredAt(EventEnvelope envelope) {
        return Instant.ofEpochSecond(envelope.getOccurredAt().getSeconds(), envelope.getOccurredAt().getNanos());
    }
}
