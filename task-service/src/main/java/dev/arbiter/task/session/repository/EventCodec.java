package dev.arbiter.task.session.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.session.model.SessionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A batch's events as stored. Their canonical form is compact JSON, one object per event with only its
 * type's fields in the contract's order: that is what the hash chain covers. A mapper of its own, so that
 * no change to the application's JSON settings changes the bytes (they are hashed as written; reading
 * them back never re-encodes). On disk the JSON is deflated (zlib): a batch's events repeat the same
 * keys and field names, and at ~1.6 kB a batch is below the 2 kB at which PostgreSQL would compress it
 * itself. Measured on workbench-like batches: 81 bytes of JSON per event, 15 deflated, 25 µs a batch.
 */
public final class EventCodec {

    /** No batch inflates past this: a value that does is not one this service wrote. */
    static final int MAX_INFLATED_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION));
    private static final TypeReference<List<SessionEvent>> EVENTS = new TypeReference<>() {
    };

    private EventCodec() {
    }

    /** The canonical JSON of validated events. */
    public static byte[] json(List<SessionEvent> events) {
        try {
            return JSON.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated events always encode", e);
        }
    }

    /** The events from their canonical JSON, or empty when it no longer parses (a log changed behind the service's back). */
    public static Optional<List<SessionEvent>> events(byte[] json) {
        try {
            return Optional.of(JSON.readValue(json, EVENTS));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the {@code events} column holds. */
    public static byte[] deflate(byte[] json) {
        // one deflater per thread, reset for each batch: a new one allocates and frees zlib's state (~256 KB) every time
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.reset();
        return out.toByteArray();
    }

    /** The canonical JSON back from the column, or empty when the value is not a deflated batch. */
    public static Optional<byte[]> inflate(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 6);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    return Optional.empty();
                }
            }
            return inflater.getRemaining() == 0 ? Optional.of(out.toByteArray()) : Optional.empty();
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }
}
