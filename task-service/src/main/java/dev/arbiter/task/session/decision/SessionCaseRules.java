package dev.arbiter.task.session.decision;

import dev.arbiter.task.session.decision.model.AppealDecision;
import dev.arbiter.task.session.decision.model.CaseDecision;
import dev.arbiter.task.session.model.SessionState;
import java.util.UUID;

/**
 * Which step of a session's case may be taken now, by whom, and where it leads. A pure function of the
 * session's state and its case so far:
 * <ul>
 *   <li>a FLAGGED session: any admin decides CLEAR (→ CLEARED) or CONFIRM (→ CONFIRMED);</li>
 *   <li>a CONFIRMED session: its owner appeals once (the session stays CONFIRMED, the appeal awaits);</li>
 *   <li>an appeal awaiting: an admin other than the one who confirmed UPHOLDs (stays CONFIRMED) or
 *       OVERTURNs (→ CLEARED).</li>
 * </ul>
 * Anything else is refused with what the session is and what it would need. Who owns the session (404
 * for anyone else) and the roles are checked before: the rules only see an owner or an admin.
 */
public final class SessionCaseRules {

    private SessionCaseRules() {
    }

    /** The case as it stands: the session's state, whether an appeal was made and decided, who confirmed. */
    public record Case(SessionState state, boolean appealed, boolean appealDecided, UUID confirmedBy) {

        /** A session nobody decided on yet. */
        public static Case undecided(SessionState state) {
            return new Case(state, false, false, null);
        }
    }

    /** Why a step is refused: a conflict with the case's state (409), or the wrong admin (403). */
    public enum Refusal {
        NOT_FLAGGED(409), NOT_CONFIRMED(409), ALREADY_APPEALED(409), NO_APPEAL_PENDING(409), SAME_ADMIN(403);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Either the state the session moves to, or why the step is refused (with the words to say it). */
    public record Outcome(SessionState next, Refusal refusal, String detail) {

        static Outcome to(SessionState next) {
            return new Outcome(next, null, null);
        }

        static Outcome refuse(Refusal refusal, String detail) {
            return new Outcome(null, refusal, detail);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    /** An admin's CLEAR or CONFIRM: only on a FLAGGED session. */
    public static Outcome decide(Case c, CaseDecision decision) {
        if (c.state() != SessionState.FLAGGED) {
            return Outcome.refuse(Refusal.NOT_FLAGGED, "The session is " + c.state()
                    + "; CLEAR or CONFIRM is decided only on a FLAGGED session"
                    + (c.state() == SessionState.CONFIRMED ? " (a confirmation is reconsidered only on the expert's appeal)" : ""));
        }
        return Outcome.to(decision.outcome());
    }

    /** The owner's appeal: once, of a confirmation. */
    public static Outcome appeal(Case c) {
        if (c.state() != SessionState.CONFIRMED) {
            return Outcome.refuse(Refusal.NOT_CONFIRMED, "The session is " + c.state()
                    + "; an appeal is possible only once an admin CONFIRMed it");
        }
        if (c.appealed()) {
            return Outcome.refuse(Refusal.ALREADY_APPEALED, "The session was appealed already"
                    + (c.appealDecided() ? " and the appeal decided" : "") + "; an appeal is made once");
        }
        return Outcome.to(SessionState.CONFIRMED);
    }

    /** An admin's UPHOLD or OVERTURN: of an appeal awaiting its decision, never by the admin who confirmed. */
    public static Outcome decideAppeal(Case c, UUID adminId, AppealDecision decision) {
        if (c.state() != SessionState.CONFIRMED || !c.appealed() || c.appealDecided()) {
            String why = c.appealDecided() ? "its appeal was decided already"
                    : c.state() == SessionState.CONFIRMED ? "its expert has not appealed" : "no appeal is possible";
            return Outcome.refuse(Refusal.NO_APPEAL_PENDING, "The session is " + c.state() + " and " + why
                    + "; UPHOLD or OVERTURN decides an appeal awaiting its decision");
        }
        if (adminId.equals(c.confirmedBy())) {
            return Outcome.refuse(Refusal.SAME_ADMIN,
                    "You confirmed this session; its appeal is decided by another admin");
        }
        return Outcome.to(decision.outcome());
    }
}
