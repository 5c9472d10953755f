package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UngroundedRationaleTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final Map<String, String> RESPONSES = Map.of(
            "prompt", "What is the maximum daily dose of paracetamol for an adult with liver disease?",
            "A", "For adults with chronic liver disease the usual advice is a maximum of 2 g paracetamol per day, "
                    + "split into doses of 500 mg at least six hours apart, and to avoid alcohol entirely.",
            "B", "The standard adult maximum is 4 g per day, taken as 1 g every four to six hours. Liver disease "
                    + "does not change this, although patients should check with a pharmacist.");

    @Test
    void shouldNotFireOnARationaleThatRefersToWhatItJudges() {
        String text = "A gives the reduced maximum of 2 g paracetamol per day for chronic liver disease, with doses of "
                + "500 mg six hours apart. B keeps the standard 4 g and claims liver disease does not change it.";
        Signal s = UngroundedRationale.compute(of(RESPONSES, Map.of("overall", text)), T);
        assertFalse(s.fired(), s.summary());
        assertTrue(s.value() > 0.5, s.summary());
        assertEquals(SignalFamily.IDENTITY_CONTENT, s.family());
    }

    @Test
    void shouldFireOnGenericTextThatFitsAnyItem() {
        String text = "Response A is better because it is more thorough and better organised, with a nicer tone. "
                + "B feels rushed and somewhat confusing overall, so I would rate A higher on presentation and style.";
        Signal s = UngroundedRationale.compute(of(RESPONSES, Map.of("overall", text)), T);
        assertTrue(s.fired(), s.summary());
        assertEquals(0.0, s.value());
        assertEquals("overall", s.evidence().get(0).field());
    }

    @Test
    void shouldCountWordsInARowNotWordsThatMerelyOccurSomewhere() {
        // every content word occurs in the responses, but never next to the same word there
        String text = "pharmacist liver standard alcohol hours doses chronic patients adults advice change daily";
        Signal s = UngroundedRationale.compute(of(RESPONSES, Map.of("overall", text)), T);
        assertTrue(s.fired(), s.summary());
    }

    @Test
    void shouldNotJudgeAShortTextOrPairWordsAcrossFields() {
        assertFalse(UngroundedRationale.compute(of(RESPONSES, Map.of("overall", "A is nicer.")), T).fired());
        // "liver disease" split over two fields is not the pair
        Signal s = UngroundedRationale.compute(of(RESPONSES, Map.of(
                "rationale.accuracy", "nicer tone friendlier layout prettier wording calmer liver",
                "rationale.helpfulness", "disease nicer tone friendlier layout prettier wording")), T);
        assertTrue(s.fired(), s.summary());
    }

    @Test
    void shouldSetFunctionWordsAndTheWordsEveryRationaleUsesAside() {
        assertEquals(List.of("paracetamol", "500", "hours"),
                UngroundedRationale.contentWords("The response is clearer: paracetamol 500 mg every six hours."
                        .replace("mg ", "").replace("every six ", "")));
    }
}
