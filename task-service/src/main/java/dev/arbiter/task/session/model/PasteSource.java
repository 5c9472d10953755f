package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where pasted text came from: {@code internal} = copied from the task page itself (a quote from a response). */
public enum PasteSource {
    EXTERNAL("external"),
    INTERNAL("internal");

    private final String wire;

    PasteSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<PasteSource> ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    @JsonCreator
    static PasteSource fromWire(String wire) {
        return ofWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown paste source " + wire));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(PasteSource::wire).toList();
    }
}
