package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingTimeTest {

    static final String F = "overall";
    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    /** 1,000 words each: 120 s needed in all at 1,000 words a minute, 6 s per tenth of a response. */
    static final Map<String, String> RESPONSES = Map.of("prompt", Sessions.words(5_000), "A", Sessions.words(1_000),
            "B", Sessions.words(1_000));

    /** Scrolls through A then B a tenth at a time, {@code msPerTenth} on each. */
    static List<SessionEvent> readThrough(long t, long msPerTenth) {
        List<SessionEvent> out = new ArrayList<>();
        for (String label : List.of("A", "B")) {
            for (int i = 0; i < 10; i++) {
                out.add(SessionEvent.view(t, label, i / 10.0, (i + 1) / 10.0));
                t += msPerTenth;
            }
            out.add(SessionEvent.view(t, label, 0, 0));
        }
        return out;
    }

    @Test
    void shouldNotFireOnAReaderWhoScrollsThroughBothResponses() {
        List<SessionEvent> e = readThrough(1_000, 20_000); // 300 words a minute
        e.addAll(Sessions.typed(500_000, F, 0, "A is right", 200));
        Signal s = ReadingTime.compute(of(RESPONSES, Map.of(), e.toArray(SessionEvent[]::new)), T);
        assertEquals(1.0, s.value(), 1e-9, "credit is capped at the fast rate, so the share tops out at 1");
        assertFalse(s.fired());
    }

    @Test
    void shouldFireOnAGlanceAtTheFirstScreensWhateverTimeWasSpentTypingBesideThem() {
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(1_000, "A", 0, 0.1), SessionEvent.view(1_000, "B", 0, 0.1)));
        e.addAll(Sessions.typed(3_000, F, 0, "x".repeat(300), 200)); // 60 s of typing with both first screens open
        Signal s = ReadingTime.compute(of(RESPONSES, Map.of(), e.toArray(SessionEvent[]::new)), T);
        // 2 s before the first key and 1.2 s after the last, for each: typing is not reading
        assertEquals(6.4 / 120, s.value(), 1e-9);
        assertTrue(s.fired());
        assertEquals(2, s.evidence().size());
        assertEquals(List.of("response A", "response B"),
                s.evidence().stream().map(x -> x.note().substring(0, "response A".length())).sorted().toList());
    }

    @Test
    void shouldCountPausesInTheWritingAsReadingButNeverMoreThanTheScreenNeeds() {
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(1_000, "A", 0, 0.1), SessionEvent.view(1_000, "B", 0, 0.1)));
        e.addAll(Sessions.typed(3_000, F, 0, "x".repeat(10), 200));
        e.addAll(Sessions.typed(60_000, F, 10, "y".repeat(10), 200)); // a 55 s pause between two runs of typing
        Signal s = ReadingTime.compute(of(RESPONSES, Map.of(), e.toArray(SessionEvent[]::new)), T);
        assertEquals(12.0 / 120, s.value(), 1e-9, "a tenth of each response earns at most 6 s, however long it stays: 2 s before typing, 4 s of the pause");
        assertTrue(s.fired());
    }

    @Test
    void shouldFireOnScrollingFasterThanAnyoneReads() {
        List<SessionEvent> e = readThrough(1_000, 1_000);
        Signal s = ReadingTime.compute(of(RESPONSES, Map.of(), e.toArray(SessionEvent[]::new)), T);
        assertEquals(20.0 / 120, s.value(), 1e-9);
        assertTrue(s.fired());
    }

    @Test
    void shouldCreditNothingWhileThePageHasNoFocusOrTheExpertIsIdle() {
        Signal s = ReadingTime.compute(of(RESPONSES, Map.of(),
                SessionEvent.view(1_000, "A", 0, 1), SessionEvent.view(1_000, "B", 0, 1),
                SessionEvent.bare(5_000, EventType.BLUR), SessionEvent.bare(600_000, EventType.FOCUS),
                SessionEvent.bare(605_000, EventType.IDLE), SessionEvent.bare(900_000, EventType.ACTIVE),
                SessionEvent.bare(910_000, EventType.SUBMIT)), T);
        // 4 s + 5 s + 11 s (to the end, a second after submitting) with both whole responses on screen
        assertEquals(40.0 / 120, s.value(), 1e-9);
        assertTrue(s.fired());
    }

    @Test
    void shouldUseTheTimeBeforeTheFirstTextWhenNothingSaysWhatWasOnScreen() {
        Signal slow = ReadingTime.compute(of(RESPONSES, Map.of(), SessionEvent.input(200_000, F, 0, 0, "A")), T);
        assertFalse(slow.fired());
        Signal quick = ReadingTime.compute(of(RESPONSES, Map.of(),
                SessionEvent.bare(1_000, EventType.BLUR), SessionEvent.bare(100_000, EventType.FOCUS),
                SessionEvent.input(110_000, F, 0, 0, "A")), T);
        assertEquals(11.0 / 120, quick.value(), 1e-9, "the 99 s away do not count");
        assertTrue(quick.fired());
        assertEquals(110_000L, quick.evidence().get(0).t());
    }

    @Test
    void shouldNotJudgeResponsesTooShortToNeedReading() {
        Signal s = ReadingTime.compute(of(Map.of("A", Sessions.words(40), "B", Sessions.words(40)), Map.of(),
                SessionEvent.input(100, F, 0, 0, "A")), T);
        assertFalse(s.fired());
        assertTrue(s.summary().contains("too few"));
    }
}
