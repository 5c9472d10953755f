package dev.arbiter.task.session.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A work session ({@code work_session.state}): OPEN while the expert works, CLOSED once it ended and
 * until it is finalised (late batches in, signals computed), then VERIFIED or FLAGGED; an admin turns a
 * FLAGGED session into CLEARED or CONFIRMED (an overturned appeal ends CLEARED).
 */
public enum SessionState {
    OPEN, CLOSED, VERIFIED, FLAGGED, CLEARED, CONFIRMED;

    /** Every state after the close: the session's active time is known. */
    public static final Set<SessionState> ENDED = EnumSet.of(CLOSED, VERIFIED, FLAGGED, CLEARED, CONFIRMED);

    /** The states whose judgment a lab may take as coming from the expert (the {@code verified=true} export filter). */
    public static final Set<SessionState> TRUSTED = EnumSet.of(VERIFIED, CLEARED);

    public boolean open() {
        return this == OPEN;
    }
}
