package dev.arbiter.task.export.model;

import dev.arbiter.task.session.model.SessionState;
import java.util.Collection;
import java.util.List;

/**
 * Where a judgment came from, as every export row states it: the work sessions in which its expert
 * wrote it (the claim and any revisions of the same task), never the reviews of it.
 *
 * <ul>
 *   <li>{@code sessionState}: the least trusted state among those sessions ({@link #TRUST_ORDER}); null
 *       when the judgment has no recorded session (judgments older than work sessions).</li>
 *   <li>{@code activeSeconds}: the sum of their active seconds, the same figure pay uses; a session still
 *       open adds nothing yet (its state then says {@code OPEN}); null when there is no session.</li>
 *   <li>{@code externalPasteShare}: the share (0..1) of the final written text pasted from outside the
 *       page, as measured on the session that submitted the exported text (the latest one closed by a
 *       submit); null until that session is finalised.</li>
 * </ul>
 */
public record Provenance(SessionState sessionState, Long activeSeconds, Double externalPasteShare) {

    /**
     * Least trusted first. A confirmed fraud, then an open flag; then a session not yet finalised (an open
     * one is further from its verdict than a closed one); then a flag an admin cleared, which was once in
     * doubt, and last a session verified without doubt. A judgment is as trustworthy as its weakest
     * session: a verified claim with a revision still CLOSED shows CLOSED.
     */
    public static final List<SessionState> TRUST_ORDER = List.of(SessionState.CONFIRMED, SessionState.FLAGGED,
            SessionState.OPEN, SessionState.CLOSED, SessionState.CLEARED, SessionState.VERIFIED);

    public static final Provenance NONE = new Provenance(null, null, null);

    /** The least trusted of the states; null for none. */
    public static SessionState leastTrusted(Collection<SessionState> states) {
        SessionState least = null;
        for (SessionState s : states) {
            if (least == null || TRUST_ORDER.indexOf(s) < TRUST_ORDER.indexOf(least)) {
                least = s;
            }
        }
        return least;
    }

    /** What the {@code session_state} column shows. */
    public String sessionStateName() {
        return sessionState == null ? null : sessionState.name();
    }
}
