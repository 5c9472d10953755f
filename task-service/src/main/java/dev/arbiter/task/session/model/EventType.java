package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the workbench recorded (API.md, "Recorded work sessions"). The wire names are lower case;
 * each type says which fields besides {@code t} and {@code type} its events carry, so that nothing
 * else (above all, which keys were pressed) can ever be stored.
 */
public enum EventType {
    FOCUS("focus"),
    BLUR("blur"),
    /** The part of response {@code label} on screen, {@code from}…{@code to} as fractions of its length. */
    VIEW("view", "label", "from", "to"),
    /** A field changed by typing: at {@code pos}, {@code del} characters removed, {@code ins} inserted. */
    INPUT("input", "field", "pos", "del", "ins"),
    /** Keystroke timing since the last key event: how many, and the intervals between them; never which keys. */
    KEY("key", "field", "count", "intervalsMs"),
    PASTE("paste", "field", "pos", "text", "source"),
    /** Text copied from the page; {@code label} when it came from a response. */
    COPY("copy", "label", "length"),
    IDLE("idle"),
    ACTIVE("active"),
    SUBMIT("submit");

    private final String wire;
    private final List<String> fields;

    EventType(String wire, String... fields) {
        this.wire = wire;
        this.fields = List.of(fields);
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The fields this type carries besides {@code t} and {@code type}, in the contract's order. */
    public List<String> fields() {
        return fields;
    }

    public static Optional<EventType> ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    @JsonCreator
    static EventType fromWire(String wire) {
        return ofWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown event type " + wire));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wire).toList();
    }
}
