package dev.arbiter.task.session.model;

import java.util.List;

/** A batch as the workbench sends it, once validated: its number in the session and its events. */
public record EventBatch(int seq, List<SessionEvent> events) {
}
