package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One recorded event, exactly the contract's fields: {@code t} (milliseconds since the session opened,
 * by the browser's clock), {@code type}, and the fields of that type; the others are null and never
 * written ({@code timing} is the server's summary of a key event's intervals, see {@link KeyTiming}). One flat record rather than a class per type, because it is stored and read back as the
 * same JSON the workbench sent, and rules switch on {@link #type()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"t", "type", "label", "from", "to", "field", "pos", "del", "ins", "count", "intervalsMs", "text",
        "source", "length", "timing"})
public record SessionEvent(long t, EventType type, String label, Double from, Double to, String field, Integer pos,
                           Integer del, String ins, Integer count, List<Integer> intervalsMs, String text,
                           PasteSource source, Integer length, KeyTiming timing) {

    /** Read back from the stored JSON through every component, {@code timing} included. */
    @JsonCreator
    public SessionEvent {
    }

    /** An event as the workbench sends it: a {@code key} event's {@link KeyTiming} is only ever added by the server. */
    public SessionEvent(long t, EventType type, String label, Double from, Double to, String field, Integer pos,
                        Integer del, String ins, Integer count, List<Integer> intervalsMs, String text,
                        PasteSource source, Integer length) {
        this(t, type, label, from, to, field, pos, del, ins, count, intervalsMs, text, source, length, null);
    }

    /** focus, blur, idle, active, submit */
    public static SessionEvent bare(long t, EventType type) {
        return new SessionEvent(t, type, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static SessionEvent view(long t, String label, double from, double to) {
        return new SessionEvent(t, EventType.VIEW, label, from, to, null, null, null, null, null, null, null, null, null);
    }

    public static SessionEvent input(long t, String field, int pos, int del, String ins) {
        return new SessionEvent(t, EventType.INPUT, null, null, null, field, pos, del, ins, null, null, null, null, null);
    }

    public static SessionEvent key(long t, String field, int count, List<Integer> intervalsMs) {
        return new SessionEvent(t, EventType.KEY, null, null, null, field, null, null, null, count, intervalsMs, null, null,
                null);
    }

    public static SessionEvent paste(long t, String field, int pos, String text, PasteSource source) {
        return new SessionEvent(t, EventType.PASTE, null, null, null, field, pos, null, null, null, null, text, source, null);
    }

    public static SessionEvent copy(long t, String label, int length) {
        return new SessionEvent(t, EventType.COPY, label, null, null, null, null, null, null, null, null, null, null, length);
    }

    /** The same event at another time (a clamped one). */
    public SessionEvent at(long time) {
        return time == t ? this : new SessionEvent(time, type, label, from, to, field, pos, del, ins, count, intervalsMs,
                text, source, length, timing);
    }

    /** The same key event with its raw intervals replaced (null: dropped) and its timing summary set. */
    public SessionEvent withTiming(List<Integer> intervals, KeyTiming summary) {
        return new SessionEvent(t, type, label, from, to, field, pos, del, ins, count, intervals, text, source, length,
                summary);
    }
}
