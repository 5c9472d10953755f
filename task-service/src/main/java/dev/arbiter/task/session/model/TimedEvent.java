package dev.arbiter.task.session.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * An event placed on the server's time line: {@code t} is the browser's time after clock sanity
 * (milliseconds since the session opened, never ahead of the server, never backwards), {@code browserT}
 * what the browser said, {@code seq} and {@code receivedAt} the batch it came in.
 */
@JsonPropertyOrder({"seq", "receivedAt", "browserT"})
public record TimedEvent(int seq, Instant receivedAt, long browserT, @JsonUnwrapped SessionEvent event) {

    /** The sane time, in milliseconds since the session opened. */
    public long t() {
        return event.t();
    }

    public EventType type() {
        return event.type();
    }
}
