package dev.arbiter.task.session.model;

/** A work session ({@code work_session.state}): OPEN while the expert works, CLOSED once it ended. */
public enum SessionState {
    OPEN, CLOSED
}
