package dev.arbiter.task.session.model;

import java.util.List;
import java.util.Map;

/**
 * Every field's text as it grew ({@code fields}: field → steps in time order), the pastes, and how many
 * edits did not fit the text rebuilt so far ({@code inconsistentEdits}: a missing batch, or a log that
 * was changed), which were applied as near as the text allowed.
 */
public record Replay(Map<String, List<Step>> fields, List<Paste> pastes, int inconsistentEdits) {

    /** The field's whole text at {@code t} (milliseconds since the session opened). */
    public record Step(long t, String text) {
    }

    public record Paste(String field, long t, int length, PasteSource source) {
    }
}
