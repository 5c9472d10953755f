package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyOutTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final String A = Sessions.words(300);
    static final Map<String, String> RESPONSES = Map.of("prompt", "Which is right?", "A", A, "B", Sessions.words(100));

    @Test
    void shouldFireOnAWholeResponseCopiedAndThePageLeftSoonAfter() {
        Signal s = CopyOut.compute(of(RESPONSES, Map.of(),
                SessionEvent.copy(10_000, "A", A.length()), SessionEvent.bare(20_000, EventType.BLUR),
                SessionEvent.bare(110_000, EventType.FOCUS)), T);
        assertTrue(s.fired(), s.summary());
        assertEquals(SignalFamily.ATTENTION, s.family());
        assertEquals(A.length(), s.value());
        assertEquals(10_000L, s.evidence().get(0).t());
        assertEquals(20_000L, s.evidence().get(1).t());
    }

    @Test
    void shouldFireWhenThePageIsLeftAndTheSessionClosesBeforeComingBack() {
        Signal s = CopyOut.compute(of(RESPONSES, Map.of(),
                SessionEvent.copy(10_000, "A", A.length()), SessionEvent.bare(11_000, EventType.BLUR),
                SessionEvent.bare(60_000, EventType.SUBMIT)), T);
        assertTrue(s.fired(), s.summary());
    }

    @Test
    void shouldNotFireOnAQuoteCopiedAndPastedBackOrOnTheOddTabSwitch() {
        Signal s = CopyOut.compute(of(RESPONSES, Map.of(),
                SessionEvent.copy(10_000, "A", 200), SessionEvent.bare(12_000, EventType.BLUR),
                SessionEvent.bare(60_000, EventType.FOCUS)), T);
        assertFalse(s.fired(), "a 200-character passage is a quote, not the response");
        assertEquals(0, s.value());
    }

    @Test
    void shouldNotFireOnAWholeShortResponseOrACopyWithoutLeaving() {
        assertFalse(CopyOut.compute(of(RESPONSES, Map.of(), SessionEvent.copy(10_000, "B", 389),
                SessionEvent.bare(12_000, EventType.BLUR), SessionEvent.bare(60_000, EventType.FOCUS)), T).fired(),
                "all of a 389-character response is no more than a quote");
        assertFalse(CopyOut.compute(of(RESPONSES, Map.of(), SessionEvent.copy(10_000, "A", A.length()),
                SessionEvent.bare(12_000, EventType.SUBMIT)), T).fired(), "copied but never left the page");
    }

    @Test
    void shouldNotCountACopyLongBeforeLeavingOrABlurTooShortToBeLeaving() {
        assertFalse(CopyOut.compute(of(RESPONSES, Map.of(), SessionEvent.copy(10_000, "A", A.length()),
                SessionEvent.bare(100_000, EventType.BLUR), SessionEvent.bare(160_000, EventType.FOCUS)), T).fired(),
                "left 90 s after the copy: outside the 60 s window");
        assertFalse(CopyOut.compute(of(RESPONSES, Map.of(), SessionEvent.copy(10_000, "A", A.length()),
                SessionEvent.bare(12_000, EventType.BLUR), SessionEvent.bare(14_000, EventType.FOCUS)), T).fired(),
                "two seconds on the browser's bar is not leaving");
    }
}
