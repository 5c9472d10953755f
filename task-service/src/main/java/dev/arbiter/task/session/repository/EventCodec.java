package dev.arbiter.task.session.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.session.model.SessionEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A batch's events as stored: compact JSON, one object per event with only its type's fields, in the
 * contract's field order. A mapper of its own, so that no change to the application's JSON settings can
 * change the bytes written (they are hashed as written; reading them back never re-encodes).
 */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<SessionEvent>> EVENTS = new TypeReference<>() {
    };

    private EventCodec() {
    }

    public static byte[] encode(List<SessionEvent> events) {
        try {
            return JSON.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated events always encode", e);
        }
    }

    /** The events, or empty when the bytes no longer decode (a log changed behind the service's back). */
    public static Optional<List<SessionEvent>> decode(byte[] stored) {
        try {
            return Optional.of(JSON.readValue(stored, EVENTS));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
