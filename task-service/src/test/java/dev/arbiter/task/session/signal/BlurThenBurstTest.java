package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlurThenBurstTest {

    static final String F = "rationale.accuracy";
    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final String QUOTE = "the first line of response A is long enough to be quoted at length in a rationale ".repeat(4);
    static final Map<String, String> RESPONSES = Map.of("A", QUOTE + "and more");

    static Signal burst(SessionEvent... after) {
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.bare(10_000, EventType.BLUR),
                SessionEvent.bare(70_000, EventType.FOCUS)));
        e.addAll(List.of(after));
        return BlurThenBurst.compute(of(RESPONSES, Map.of(), e.toArray(SessionEvent[]::new)), T);
    }

    @Test
    void shouldFireOnComingBackAndPastingTextFromOutside() {
        Signal s = burst(SessionEvent.paste(73_000, F, 0, "m".repeat(400), PasteSource.EXTERNAL));
        assertEquals(400.0, s.value());
        assertTrue(s.fired());
        assertEquals(List.of(10_000L, 70_000L, 73_000L), s.evidence().stream().map(Signal.Evidence::t).toList());
        assertEquals("left the page for 60 s", s.evidence().get(0).note());
    }

    @Test
    void shouldFireOnComingBackAndTextAppearingWithoutKeystrokes() {
        List<SessionEvent> script = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            script.add(SessionEvent.input(72_000 + i * 20L, F, i, 0, "s"));
        }
        assertTrue(burst(script.toArray(SessionEvent[]::new)).fired());
    }

    @Test
    void shouldNotFireOnAQuoteOrOnTypingAfterComingBack() {
        assertFalse(burst(SessionEvent.paste(73_000, F, 0, QUOTE, PasteSource.INTERNAL)).fired());
        Signal typing = burst(Sessions.typed(71_000, F, 0, "x".repeat(250), 60).toArray(SessionEvent[]::new));
        assertEquals(0.0, typing.value());
        assertFalse(typing.fired());
    }

    @Test
    void shouldIgnoreAPasteOutsideTheWindowAndABlurTooShortToBeLeaving() {
        assertFalse(burst(SessionEvent.paste(101_000, F, 0, "m".repeat(400), PasteSource.EXTERNAL)).fired());
        Signal flicker = BlurThenBurst.compute(of(RESPONSES, Map.of(), SessionEvent.bare(10_000, EventType.BLUR),
                SessionEvent.bare(11_000, EventType.FOCUS),
                SessionEvent.paste(12_000, F, 0, "m".repeat(400), PasteSource.EXTERNAL)), T);
        assertFalse(flicker.fired());
    }

    @Test
    void shouldCloseTheWindowWhenThePageIsLeftAgain() {
        Signal s = burst(SessionEvent.bare(75_000, EventType.BLUR), SessionEvent.bare(76_000, EventType.FOCUS),
                SessionEvent.paste(77_000, F, 0, "m".repeat(400), PasteSource.EXTERNAL));
        assertFalse(s.fired(), "the paste follows a one-second blur, not the minute away");
    }
}
