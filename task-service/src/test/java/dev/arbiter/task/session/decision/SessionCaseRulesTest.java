package dev.arbiter.task.session.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.decision.SessionCaseRules.Case;
import dev.arbiter.task.session.decision.SessionCaseRules.Outcome;
import dev.arbiter.task.session.decision.SessionCaseRules.Refusal;
import dev.arbiter.task.session.decision.model.AppealDecision;
import dev.arbiter.task.session.decision.model.CaseDecision;
import dev.arbiter.task.session.model.SessionState;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every state a session can be in, every step of its case: which is allowed, by whom, and where it leads. */
class SessionCaseRulesTest {

    static final UUID CONFIRMER = UUID.randomUUID();
    static final UUID OTHER_ADMIN = UUID.randomUUID();

    static final Case CONFIRMED_NOT_APPEALED = new Case(SessionState.CONFIRMED, false, false, CONFIRMER);
    static final Case APPEAL_PENDING = new Case(SessionState.CONFIRMED, true, false, CONFIRMER);
    static final Case APPEAL_UPHELD = new Case(SessionState.CONFIRMED, true, true, CONFIRMER);
    static final Case OVERTURNED = new Case(SessionState.CLEARED, true, true, CONFIRMER);
    static final Case CLEARED = new Case(SessionState.CLEARED, false, false, null);

    static Stream<Arguments> decisions() {
        Stream.Builder<Arguments> table = Stream.builder();
        for (SessionState state : SessionState.values()) {
            for (CaseDecision decision : CaseDecision.values()) {
                table.add(Arguments.of(state, decision, state == SessionState.FLAGGED ? decision.outcome() : null));
            }
        }
        return table.build();
    }

    @ParameterizedTest(name = "{1} on a {0} session → {2}")
    @MethodSource("decisions")
    void shouldDecideOnlyAFlaggedSession(SessionState state, CaseDecision decision, SessionState expected) {
        Outcome outcome = SessionCaseRules.decide(Case.undecided(state), decision);
        if (expected == null) {
            assertEquals(Refusal.NOT_FLAGGED, outcome.refusal());
            assertEquals(409, outcome.refusal().status());
            assertTrue(outcome.detail().contains("is " + state) && outcome.detail().contains("FLAGGED"), outcome.detail());
        } else {
            assertEquals(expected, outcome.next());
        }
    }

    @Test
    void shouldLeadClearToClearedAndConfirmToConfirmed() {
        assertEquals(SessionState.CLEARED, SessionCaseRules.decide(Case.undecided(SessionState.FLAGGED), CaseDecision.CLEAR).next());
        assertEquals(SessionState.CONFIRMED, SessionCaseRules.decide(Case.undecided(SessionState.FLAGGED), CaseDecision.CONFIRM).next());
    }

    @Test
    void shouldNeverDecideTwice() {
        assertEquals(Refusal.NOT_FLAGGED, SessionCaseRules.decide(CONFIRMED_NOT_APPEALED, CaseDecision.CLEAR).refusal());
        assertEquals(Refusal.NOT_FLAGGED, SessionCaseRules.decide(CLEARED, CaseDecision.CONFIRM).refusal());
        assertTrue(SessionCaseRules.decide(CONFIRMED_NOT_APPEALED, CaseDecision.CLEAR).detail().contains("appeal"));
    }

    @ParameterizedTest(name = "appeal of a {0} session")
    @EnumSource(value = SessionState.class, names = "CONFIRMED", mode = EnumSource.Mode.EXCLUDE)
    void shouldTakeAnAppealOnlyOfAConfirmation(SessionState state) {
        Outcome outcome = SessionCaseRules.appeal(Case.undecided(state));
        assertEquals(Refusal.NOT_CONFIRMED, outcome.refusal());
        assertTrue(outcome.detail().startsWith("The session is " + state), outcome.detail());
    }

    @Test
    void shouldTakeOneAppealOfAConfirmationAndKeepItConfirmed() {
        assertEquals(SessionState.CONFIRMED, SessionCaseRules.appeal(CONFIRMED_NOT_APPEALED).next());
        assertEquals(Refusal.ALREADY_APPEALED, SessionCaseRules.appeal(APPEAL_PENDING).refusal());
        assertEquals(Refusal.ALREADY_APPEALED, SessionCaseRules.appeal(APPEAL_UPHELD).refusal());
        assertEquals(Refusal.NOT_CONFIRMED, SessionCaseRules.appeal(OVERTURNED).refusal());
    }

    @ParameterizedTest(name = "{0} by another admin")
    @EnumSource(AppealDecision.class)
    void shouldLetAnotherAdminDecideAPendingAppeal(AppealDecision decision) {
        Outcome outcome = SessionCaseRules.decideAppeal(APPEAL_PENDING, OTHER_ADMIN, decision);
        assertEquals(decision == AppealDecision.UPHOLD ? SessionState.CONFIRMED : SessionState.CLEARED, outcome.next());
    }

    @ParameterizedTest(name = "{0} by the confirming admin")
    @EnumSource(AppealDecision.class)
    void shouldRefuseTheConfirmingAdminTheAppeal(AppealDecision decision) {
        Outcome outcome = SessionCaseRules.decideAppeal(APPEAL_PENDING, CONFIRMER, decision);
        assertEquals(Refusal.SAME_ADMIN, outcome.refusal());
        assertEquals(403, outcome.refusal().status());
    }

    @Test
    void shouldDecideAnAppealOnlyWhenOneAwaits() {
        for (Case c : new Case[] {CONFIRMED_NOT_APPEALED, APPEAL_UPHELD, OVERTURNED, CLEARED}) {
            for (AppealDecision decision : AppealDecision.values()) {
                Outcome outcome = SessionCaseRules.decideAppeal(c, OTHER_ADMIN, decision);
                assertEquals(Refusal.NO_APPEAL_PENDING, outcome.refusal(), c + " " + decision);
                assertEquals(409, outcome.refusal().status());
            }
        }
        for (SessionState state : EnumSet.complementOf(EnumSet.of(SessionState.CONFIRMED))) {
            assertEquals(Refusal.NO_APPEAL_PENDING,
                    SessionCaseRules.decideAppeal(Case.undecided(state), OTHER_ADMIN, AppealDecision.OVERTURN).refusal());
        }
    }

    @Test
    void shouldSayWhyAnAppealDecisionIsRefused() {
        assertTrue(SessionCaseRules.decideAppeal(CONFIRMED_NOT_APPEALED, OTHER_ADMIN, AppealDecision.UPHOLD).detail()
                .contains("has not appealed"));
        assertTrue(SessionCaseRules.decideAppeal(APPEAL_UPHELD, OTHER_ADMIN, AppealDecision.OVERTURN).detail()
                .contains("decided already"));
        // a conflict of state is said before who is asking: the confirming admin is not told to find another for nothing
        assertEquals(Refusal.NO_APPEAL_PENDING,
                SessionCaseRules.decideAppeal(APPEAL_UPHELD, CONFIRMER, AppealDecision.OVERTURN).refusal());
    }
}
