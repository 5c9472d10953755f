package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextWithoutTypingTest {

    static final String F = "rationale.accuracy";
    static final SignalThresholds T = SignalThresholds.DEFAULTS;

    @Test
    void shouldNotFireOnTextTypedKeyByKey() {
        Signal s = TextWithoutTyping.compute(of(Map.of(), Map.of(),
                Sessions.typed(1_000, F, 0, "a".repeat(400), 150).toArray(SessionEvent[]::new)), T);
        assertEquals(0.0, s.value());
        assertFalse(s.fired());
    }

    @Test
    void shouldFireOnAFieldFilledWithNoKeystrokeAndPointAtTheFill() {
        Signal s = TextWithoutTyping.compute(of(Map.of(), Map.of(),
                SessionEvent.input(1_000, F, 0, 0, "r"), SessionEvent.key(1_100, F, 1, List.of()),
                SessionEvent.input(2_000, F, 1, 0, "x".repeat(300))), T);
        assertEquals(300.0, s.value());
        assertTrue(s.fired());
        assertEquals(2_000L, s.evidence().get(0).t());
    }

    @Test
    void shouldForgiveTheFewCharactersASpellCheckerPutsIn() {
        List<SessionEvent> e = new ArrayList<>(Sessions.typed(1_000, F, 0, "teh answer is rihgt and complete ".repeat(10), 120));
        for (int i = 0; i < 5; i++) {
            e.add(SessionEvent.input(60_000 + i * 1_000L, F, i * 34, 3, "the")); // replaced by a click, no key
            e.add(SessionEvent.input(60_500 + i * 1_000L, F, i * 34 + 14, 5, "right"));
        }
        Signal s = TextWithoutTyping.compute(of(Map.of(), Map.of(), e.toArray(SessionEvent[]::new)), T);
        assertEquals(40.0, s.value(), "ten replaced words, no key behind them");
        assertFalse(s.fired());
    }

    @Test
    void shouldNotLetKeystrokesInOneFieldCoverTextInAnother() {
        Signal s = TextWithoutTyping.compute(of(Map.of(), Map.of(),
                SessionEvent.key(1_000, "overall", 500, List.of()),
                SessionEvent.input(2_000, F, 0, 0, "x".repeat(250))), T);
        assertEquals(250.0, s.value());
        assertTrue(s.fired());
        assertTrue(s.summary().contains(F + ": 250"));
    }

    @Test
    void shouldFireAtTheThresholdAndNotBelow() {
        assertTrue(TextWithoutTyping.compute(of(Map.of(), Map.of(), SessionEvent.input(1, F, 0, 0, "x".repeat(200))), T).fired());
        assertFalse(TextWithoutTyping.compute(of(Map.of(), Map.of(), SessionEvent.input(1, F, 0, 0, "x".repeat(199))), T).fired());
    }
}
