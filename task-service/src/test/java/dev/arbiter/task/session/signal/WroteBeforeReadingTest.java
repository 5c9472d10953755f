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

class WroteBeforeReadingTest {

    static final String F = "overall";
    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    /** A: 200 words (12 s at 1,000 words a minute), B: 300 words; both fit on one screen. */
    static final Map<String, String> RESPONSES = Map.of("prompt", "Which?", "A", Sessions.words(200), "B", Sessions.words(300));

    static SessionEvent[] session(long glanceMs, long writeFrom) {
        List<SessionEvent> e = new ArrayList<>();
        e.add(SessionEvent.view(1_000, "A", 0, 1));
        e.add(SessionEvent.view(1_000 + glanceMs, "B", 0, 1));
        e.addAll(Sessions.typed(writeFrom, F, 0, "A is right about the dose and B is not, because of the label", 250));
        return e.toArray(SessionEvent[]::new);
    }

    @Test
    void shouldFireWhenWritingStartsBeforeTheShorterResponseCouldBeRead() {
        Signal s = WroteBeforeReading.compute(of(RESPONSES, Map.of(), session(2_000, 5_000)), T);
        assertTrue(s.fired(), s.summary());
        assertEquals(SignalFamily.ATTENTION, s.family());
        // both on screen side by side: A from 1 s, B from 3 s, until the first text at 5 s: 6 s of the 12 s A needs
        assertEquals(6_000, 12_000 * s.value(), 1, s.summary());
        assertEquals(5_000L, s.evidence().get(0).t());
    }

    @Test
    void shouldNotFireOnSomeoneWhoReadOneResponseBeforeWriting() {
        // read A for 40 s (300 words a minute), wrote, and read B afterwards: writing as they go
        assertFalse(WroteBeforeReading.compute(of(RESPONSES, Map.of(), session(40_000, 42_000)), T).fired());
    }

    @Test
    void shouldNotJudgeWhenNothingWasWrittenOrTheResponsesAreTiny() {
        assertFalse(WroteBeforeReading.compute(of(RESPONSES, Map.of(), SessionEvent.view(1_000, "A", 0, 1)), T).fired());
        Map<String, String> tiny = Map.of("A", Sessions.words(20), "B", Sessions.words(20));
        assertFalse(WroteBeforeReading.compute(of(tiny, Map.of(), session(500, 1_000)), T).fired());
    }

    @Test
    void shouldLeaveReadingTimeAsItWas() {
        SessionEvidence ev = of(RESPONSES, Map.of(), session(2_000, 5_000));
        ReadingTime.Measure m = ReadingTime.measure(ev, T);
        assertEquals(ReadingTime.compute(ev, T).value(), m.credited() / (500 * 60.0), 1e-9);
        assertTrue(m.creditedBeforeText() <= m.credited());
    }
}
