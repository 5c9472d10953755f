package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.signal.SessionEvidence.OwnText;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SelfTemplateTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final String F = "rationale.accuracy";
    static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-00000000017e");
    static final String PASSAGE = "the recommended starting dose for adults is one milligram per kilogram given once daily "
            + "with food and never more than ten milligrams in a single day";
    static final Map<String, String> RESPONSES = Map.of("A", "Intro. " + PASSAGE + ". Outro.", "B", "Something else entirely.");
    /** Fits any item: nothing in it is about what the responses say. */
    static final String TEMPLATE = "Response A is better overall because it is more complete and easier to follow, while "
            + "response B leaves out important details and is less clear in how it explains the main point to the reader.";

    static Signal of(String mine, OwnText... own) {
        SessionEvidence e = Sessions.of(RESPONSES, Map.of(F, mine));
        return SelfTemplate.compute(new SessionEvidence(e.sessionId(), e.expertId(), e.kind(), e.wallMillis(), e.events(),
                e.responses(), e.finalTexts(), e.deviceId(), e.clientAddress(), List.of(), List.of(), ITEM, List.of(own)), T);
    }

    static OwnText other(String text) {
        return new OwnText(UUID.randomUUID(), UUID.randomUUID(), "overall", text);
    }

    @Test
    void shouldFireOnTheSameTemplateWrittenForAnotherItemAndPointAtThatSession() {
        OwnText earlier = other(TEMPLATE.replace("easier", "simpler"));
        Signal s = of(TEMPLATE, other("B is right: the label gives a lower dose for children and A ignores it."), earlier);
        assertTrue(s.fired());
        assertTrue(s.value() >= 0.5 && s.value() < 1, String.valueOf(s.value()));
        assertEquals(1, s.evidence().size());
        assertEquals(earlier.sessionId().toString(), s.evidence().get(0).sessionId());
        assertEquals(SignalFamily.IDENTITY_CONTENT, s.family());
    }

    @Test
    void shouldNotFireOnAStockSentenceInTextsAboutEachItem() {
        String stock = " Overall I prefer A because it is more complete.";
        Signal s = of("A gives the adult dose per kilogram with food and caps it at ten milligrams a day, while B doubles "
                        + "it for children without a reason." + stock,
                other("B explains the tax rule for freelancers correctly and A confuses the deadline with the filing "
                        + "date, which would cost the reader a fine." + stock));
        assertFalse(s.fired());
        assertTrue(s.value() > 0 && s.value() < 0.3, String.valueOf(s.value()));
    }

    @Test
    void shouldLeaveOutWhatIsQuotedFromThisItemsResponses() {
        // the same quote of these responses in an earlier text is about this item's words, not a template
        Signal s = of("A says: " + PASSAGE + ". So A is right.", other("Quoting: " + PASSAGE + ". Which is wrong here."));
        assertFalse(s.fired(), String.valueOf(s.value()));
        assertEquals(0, s.value());
    }

    @Test
    void shouldNotCompareTheSameItemThisSessionOrShortTexts() {
        OwnText sameItem = new OwnText(UUID.randomUUID(), ITEM, F, TEMPLATE);
        assertFalse(of(TEMPLATE, sameItem).fired(), "a revision of the same item keeps its text");
        SessionEvidence e = Sessions.of(RESPONSES, Map.of(F, TEMPLATE));
        OwnText thisSession = new OwnText(e.sessionId(), null, F, TEMPLATE);
        Signal s = SelfTemplate.compute(new SessionEvidence(e.sessionId(), e.expertId(), e.kind(), e.wallMillis(), e.events(),
                e.responses(), e.finalTexts(), e.deviceId(), e.clientAddress(), List.of(), List.of(), null,
                List.of(thisSession)), T);
        assertFalse(s.fired());
        assertFalse(of("A is correct and B is not, overall.", other("A is correct and B is not, overall.")).fired(),
                "too short to be a template");
        assertFalse(of(TEMPLATE).fired(), "no earlier texts: nothing to compare");
    }

    @Test
    void shouldTakeTheThresholdFromTheConfiguration() {
        String rewritten = TEMPLATE.replace("more complete", "fuller").replace("important", "key").replace("reader", "user")
                .replace("easier to follow", "simpler to read").replace("main point", "central idea")
                .replace("leaves out", "omits");
        Signal strict = of(TEMPLATE, other(rewritten));
        assertFalse(strict.fired(), String.valueOf(strict.value()));
        SignalThresholds loose = new SignalThresholds(0.5, 80, 200, 60, 40, 0.10, 1000, 0.5, 100, 30_000, 5_000, 100, 1, 0.8,
                12, 0.8, 400, 60_000, 0.15, 8, 0.5, 0.3, 12);
        SessionEvidence e = Sessions.of(RESPONSES, Map.of(F, TEMPLATE));
        Signal s = SelfTemplate.compute(new SessionEvidence(e.sessionId(), e.expertId(), e.kind(), e.wallMillis(), e.events(),
                e.responses(), e.finalTexts(), e.deviceId(), e.clientAddress(), List.of(), List.of(), ITEM,
                List.of(other(rewritten))), loose);
        assertTrue(s.fired(), String.valueOf(s.value()));
        assertEquals(0.3, s.threshold());
    }
}
