package dev.arbiter.task.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arbiter.task.export.model.Provenance;
import dev.arbiter.task.session.model.SessionState;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void shouldRankEveryStateExactlyOnce() {
        assertEquals(EnumSet.allOf(SessionState.class), EnumSet.copyOf(Provenance.TRUST_ORDER));
        assertEquals(SessionState.values().length, Provenance.TRUST_ORDER.size());
    }

    @Test
    void shouldShowAJudgmentAsTrustedAsItsWeakestSession() {
        record Case(List<SessionState> sessions, SessionState shown) {
        }
        for (Case c : List.of(
                new Case(List.of(SessionState.VERIFIED), SessionState.VERIFIED),
                new Case(List.of(SessionState.VERIFIED, SessionState.CLEARED), SessionState.CLEARED),
                new Case(List.of(SessionState.CLEARED, SessionState.VERIFIED), SessionState.CLEARED),
                // a revision not yet finalised holds the whole judgment back
                new Case(List.of(SessionState.VERIFIED, SessionState.CLOSED), SessionState.CLOSED),
                new Case(List.of(SessionState.CLOSED, SessionState.OPEN), SessionState.OPEN),
                new Case(List.of(SessionState.OPEN, SessionState.FLAGGED), SessionState.FLAGGED),
                new Case(List.of(SessionState.VERIFIED, SessionState.FLAGGED, SessionState.CLEARED), SessionState.FLAGGED),
                new Case(List.of(SessionState.FLAGGED, SessionState.CONFIRMED, SessionState.VERIFIED), SessionState.CONFIRMED))) {
            assertEquals(c.shown(), Provenance.leastTrusted(c.sessions()), c.sessions().toString());
        }
        assertNull(Provenance.leastTrusted(List.of()));
    }

    @Test
    void shouldTrustExactlyTheStatesTheVerifiedFilterKeeps() {
        // the two trusted states are the two most trusted of the order, so a "verified" judgment never shows less
        assertEquals(SessionState.TRUSTED, EnumSet.copyOf(Provenance.TRUST_ORDER.subList(
                Provenance.TRUST_ORDER.size() - SessionState.TRUSTED.size(), Provenance.TRUST_ORDER.size())));
    }
}
