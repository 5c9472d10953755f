package dev.arbiter.task.session.model;

/**
 * How many event times clock sanity had to correct: {@code ahead} of the server's clock when their
 * batch arrived, {@code backwards} (earlier than an event recorded before them), {@code pastClose}
 * (claiming time after the session closed). Evidence for the later signals, never trusted as time.
 */
public record ClockReport(int ahead, int backwards, int pastClose) {
}
