package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NearCopyTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final String F = "rationale.accuracy";
    static final String PASSAGE = "the recommended starting dose for adults is one milligram per kilogram given once daily "
            + "with food and never more than ten milligrams in a single day";
    static final Map<String, String> RESPONSES = Map.of("A", "Intro. " + PASSAGE + ". Outro.", "B", "Something else entirely.");
    static final String MINE = "Response A gets the dose right and explains the food interaction, while B doubles the "
            + "dose without saying why, which would be dangerous for a small child. "
            + "B also leaves out the warning about kidney problems that the label puts first.";

    static Signal compare(String mine, PeerText... peers) {
        return NearCopy.compute(Sessions.with(RESPONSES, Map.of(F, mine), List.of(), List.of(peers)), T);
    }

    static PeerText peer(String text) {
        return new PeerText(UUID.randomUUID(), UUID.randomUUID(), "rationale.accuracy", text);
    }

    @Test
    void shouldFireOnALightlyEditedCopyAndPointAtTheOtherSession() {
        PeerText theirs = peer(MINE.replace("dangerous", "risky"));
        Signal s = compare(MINE, theirs);
        assertTrue(s.value() >= 0.8 && s.value() < 1, String.valueOf(s.value()));
        assertTrue(s.fired());
        assertEquals(theirs.sessionId().toString(), s.evidence().get(0).sessionId());
    }

    @Test
    void shouldNotFireOnTwoExpertsWhoAgreeInTheirOwnWords() {
        Signal s = compare(MINE, peer("B doubles the dose with no reason given; A is right on the dose and mentions food, "
                + "so A is the safer and more accurate answer overall."));
        assertTrue(s.value() < 0.2, String.valueOf(s.value()));
        assertFalse(s.fired());
    }

    @Test
    void shouldLeaveOutWhatBothQuoteFromTheResponses() {
        Signal s = compare("A says: " + PASSAGE + ". That is the label's dose, so A is correct.",
                peer("Quoting A, " + PASSAGE + " - B contradicts this and gives no source for it at all."));
        assertFalse(s.fired(), String.valueOf(s.value()));
    }

    @Test
    void shouldNotCompareShortTextsOrTheExpertsOwn() {
        assertFalse(compare("A is correct and B is not.", peer("A is correct and B is not.")).fired());
        PeerText own = new PeerText(UUID.randomUUID(), Sessions.EXPERT, F, MINE);
        Signal s = compare(MINE, own);
        assertFalse(s.fired());
        assertTrue(s.summary().contains("0 pairs"));
    }
}
