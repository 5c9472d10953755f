package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.TimedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a signal points at, at most {@link #MAX} of them: enough for a person to find the pattern
 * in the timeline, never a copy of the log stored again with the session's signals.
 */
final class EvidenceList {

    static final int MAX = 20;

    private final List<Signal.Evidence> items = new ArrayList<>();
    private int left;

    void event(TimedEvent e, String note) {
        add(Signal.Evidence.event(e.seq(), e.t(), e.event().field(), note));
    }

    void session(String sessionId, String note) {
        add(Signal.Evidence.session(sessionId, note));
    }

    void add(Signal.Evidence evidence) {
        if (items.size() < MAX) {
            items.add(evidence);
        } else {
            left++;
        }
    }

    boolean full() {
        return items.size() >= MAX;
    }

    /** How many were left out, for the summary. */
    int left() {
        return left;
    }

    List<Signal.Evidence> list() {
        return List.copyOf(items);
    }
}
