package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalEngineTest {

    static final String F = "rationale.accuracy";
    static final Map<String, String> RESPONSES = Map.of("A", Sessions.words(300), "B", Sessions.words(300));

    @Test
    void shouldComputeEverySignalAndVerifyASessionWithOneOddityOnly() {
        String ref = "See the 2024 guideline, section 4.2, table 3: ";
        // read properly, then left the page and came back with a pasted reference: attention fires alone
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(0, "A", 0, 1), SessionEvent.view(0, "B", 0, 1),
                SessionEvent.bare(60_000, EventType.BLUR), SessionEvent.bare(90_000, EventType.FOCUS),
                SessionEvent.paste(92_000, F, 0, ref, PasteSource.EXTERNAL),
                SessionEvent.paste(93_000, F, ref.length(), "r".repeat(80), PasteSource.EXTERNAL)));
        e.addAll(Sessions.typed(100_000, F, ref.length() + 80, "and A follows w10 w11 w12 while B does not. ".repeat(8), 130));
        String text = ref + "r".repeat(80) + "and A follows w10 w11 w12 while B does not. ".repeat(8);
        Evaluation ev = new SignalEngine().evaluate(Sessions.of(RESPONSES, Map.of(F, text), e.toArray(SessionEvent[]::new)));
        assertEquals(List.of("external_paste_share", "text_without_typing", "inhuman_typing", "reading_time",
                "wrote_before_reading", "blur_then_burst", "copy_out", "shared_device", "near_copy", "ungrounded_rationale",
                "self_template", "reading_record", "reference_record", "glance_record"),
                ev.signals().stream().map(Signal::name).toList());
        assertEquals(EnumSet.of(SignalFamily.ATTENTION), ev.firedFamilies());
        assertFalse(ev.flagged());
        assertEquals((ref.length() + 80.0) / text.length(), ev.externalPasteShare(), 1e-9);
    }

    @Test
    void shouldFlagAModelWrittenRationaleFetchedFromAnotherTab() {
        String model = "Response A is more accurate because it states the correct dose and cites the label. ".repeat(5);
        Evaluation ev = new SignalEngine().evaluate(Sessions.of(RESPONSES, Map.of(F, model),
                SessionEvent.view(0, "A", 0, 1), SessionEvent.view(0, "B", 0, 1),
                SessionEvent.copy(20_000, "A", 2_000), SessionEvent.bare(21_000, EventType.BLUR),
                SessionEvent.bare(80_000, EventType.FOCUS), SessionEvent.paste(82_000, F, 0, model, PasteSource.EXTERNAL)));
        assertTrue(ev.firedFamilies().containsAll(EnumSet.of(SignalFamily.INPUT_PROVENANCE, SignalFamily.ATTENTION)),
                ev.firedFamilies().toString());
        assertTrue(ev.signals().stream().anyMatch(s -> s.name().equals(CopyOut.NAME) && s.fired()),
                "the responses were copied out before leaving");
        assertTrue(ev.flagged());
        assertEquals(1.0, ev.externalPasteShare());
    }

    @Test
    void shouldTakeItsThresholdsFromTheConfiguration() {
        SignalThresholds strict = new SignalThresholds(0.05, 1, 1, 2, 40, 0.1, 1000, 0.5, 100, 30_000, 5_000, 1, 1, 0.8, 12,
                0.8, 400, 60_000, 0.1, 8, 0.35, 0.6, 12);
        Evaluation ev = new SignalEngine(strict).evaluate(Sessions.of(RESPONSES, Map.of(F, "ab"),
                SessionEvent.paste(1_000, F, 0, "ab", PasteSource.EXTERNAL)));
        assertTrue(ev.signals().get(0).fired());
        assertEquals(0.05, ev.signals().get(0).threshold());
    }
}
