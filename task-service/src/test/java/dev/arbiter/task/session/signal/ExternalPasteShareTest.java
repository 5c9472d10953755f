package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalPasteShareTest {

    static final String F = "rationale.accuracy";
    static final Map<String, String> RESPONSES = Map.of("A", "The dose is 1 mg/kg   given\nonce daily with food.",
            "B", "Give 10 mg/kg twice a day.");
    static final String MODEL = "x".repeat(200);
    static final SignalThresholds T = SignalThresholds.DEFAULTS;

    static SessionEvent[] events(List<SessionEvent> list) {
        return list.toArray(SessionEvent[]::new);
    }

    @Test
    void shouldFireWhenMostOfTheFinalTextWasPastedFromOutside() {
        List<SessionEvent> e = new ArrayList<>(Sessions.typed(1_000, F, 0, "B is right. ", 150));
        e.add(SessionEvent.paste(10_000, F, 12, MODEL, PasteSource.EXTERNAL));
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES, Map.of(F, "B is right. " + MODEL), events(e)), T);
        assertEquals(200.0 / 212, r.share(), 1e-9);
        assertTrue(r.signal().fired());
        assertEquals(1, r.signal().evidence().size());
        assertEquals(10_000L, r.signal().evidence().get(0).t());
        assertEquals(F, r.signal().evidence().get(0).field());
    }

    @Test
    void shouldCountAQuoteFromTheResponsesAsInternalWhateverItsWhitespace() {
        String quote = "The dose is 1 mg/kg given once daily";
        List<SessionEvent> e = new ArrayList<>(Sessions.typed(1_000, F, 0, "A: ", 150));
        e.add(SessionEvent.paste(5_000, F, 3, quote, PasteSource.INTERNAL));
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES, Map.of(F, "A: " + quote), events(e)), T);
        assertEquals(0.0, r.share());
        assertFalse(r.signal().fired());
        assertTrue(r.signal().evidence().isEmpty());
    }

    @Test
    void shouldNotTrustAnInternalClaimForTextThatIsNotInTheResponses() {
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES, Map.of(F, MODEL),
                SessionEvent.paste(5_000, F, 0, MODEL, PasteSource.INTERNAL)), T);
        assertEquals(1.0, r.share());
        assertTrue(r.signal().fired());
        assertTrue(r.signal().evidence().get(0).note().contains("marked internal"));
    }

    @Test
    void shouldCountOnlyThePastedCharactersThatSurviveTheEdits() {
        // 200 pasted, then 180 of them selected and typed over with "ok", then a word typed in the middle
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES, Map.of(),
                SessionEvent.paste(1_000, F, 0, MODEL, PasteSource.EXTERNAL),
                SessionEvent.input(2_000, F, 10, 180, "ok"),
                SessionEvent.input(3_000, F, 5, 0, "typed")), T);
        assertEquals(20.0 / 27, r.share(), 1e-9);
        assertFalse(r.signal().fired(), "20 characters from outside are below the minimum of 80");
    }

    @Test
    void shouldNotFireOnAShortAnswerPastedWhole() {
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES, Map.of(F, "see https://example.org/a"),
                SessionEvent.paste(1_000, F, 0, "see https://example.org/a", PasteSource.EXTERNAL)), T);
        assertEquals(1.0, r.share());
        assertFalse(r.signal().fired());
    }

    @Test
    void shouldMeasureAgainstTheSubmittedTextAndNeverCountMoreThanAFieldHolds() {
        // a batch is missing: the replay still holds the 200 pasted characters, the submitted text has 100 in all
        ExternalPasteShare.Result r = ExternalPasteShare.compute(of(RESPONSES,
                Map.of(F, "y".repeat(60), "overall", "z".repeat(40)),
                SessionEvent.paste(1_000, F, 0, MODEL, PasteSource.EXTERNAL)), T);
        assertEquals(0.6, r.share(), 1e-9);
        assertFalse(r.signal().fired(), "60 characters are below the minimum of 80");
    }

    @Test
    void shouldTrackEachCharactersOriginThroughInsertionsAndDeletionsInsideRuns() {
        Provenance p = new Provenance();
        p.replace(0, 0, 10, Provenance.Origin.TYPED);
        p.replace(5, 0, 20, Provenance.Origin.EXTERNAL);  // TTTTT EEEE…(20) TTTTT
        p.replace(10, 0, 3, Provenance.Origin.QUOTED);   // inside the paste
        p.replace(8, 10, 0, Provenance.Origin.TYPED);    // deletes 2 E, 3 Q, 5 E
        assertEquals(23, p.length());
        assertEquals(13, p.count(Provenance.Origin.EXTERNAL));
        assertEquals(0, p.count(Provenance.Origin.QUOTED));
        assertEquals(10, p.count(Provenance.Origin.TYPED));
        p.replace(100, 100, 4, Provenance.Origin.QUOTED); // past the end: applied at the end
        assertEquals(27, p.length());
        assertEquals(4, p.count(Provenance.Origin.QUOTED));
    }
}
