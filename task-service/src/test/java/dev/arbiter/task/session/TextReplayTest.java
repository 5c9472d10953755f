package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.Replay;
import dev.arbiter.task.session.model.Replay.Paste;
import dev.arbiter.task.session.model.Replay.Step;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReplayTest {

    static final String F = "rationale.accuracy";

    @Test
    void shouldRebuildTypingCorrectionsAndPastesStepByStep() {
        Replay r = TextReplay.of(timeline(
                SessionEvent.input(1_000, F, 0, 0, "B is rihgt"),
                SessionEvent.input(3_000, F, 7, 3, "ght"),
                SessionEvent.paste(5_000, F, 10, ": \"1 mg/kg\"", PasteSource.INTERNAL),
                SessionEvent.input(7_000, F, 0, 1, "Response B")), 0);
        assertEquals(List.of(new Step(1_000, "B is rihgt"), new Step(3_000, "B is right"),
                new Step(5_000, "B is right: \"1 mg/kg\""), new Step(7_000, "Response B is right: \"1 mg/kg\"")),
                r.fields().get(F));
        assertEquals(List.of(new Paste(F, 5_000, 11, PasteSource.INTERNAL)), r.pastes());
        assertEquals(0, r.inconsistentEdits());
    }

    @Test
    void shouldKeepFieldsApartAndIgnoreEventsThatWriteNothing() {
        Replay r = TextReplay.of(timeline(
                SessionEvent.input(1_000, "overall", 0, 0, "Good"),
                SessionEvent.bare(1_500, EventType.BLUR),
                SessionEvent.key(1_600, "overall", 4, List.of(100, 90, 120)),
                SessionEvent.input(2_000, "critique.0.comment", 0, 0, "Wrong dose")), 0);
        assertEquals(List.of("overall", "critique.0.comment"), List.copyOf(r.fields().keySet()));
        assertEquals(List.of(new Step(2_000, "Wrong dose")), r.fields().get("critique.0.comment"));
    }

    @Test
    void shouldShowQuickTypingAsOneStepPerSpanButEveryPasteOnItsOwn() {
        Replay r = TextReplay.of(timeline(
                SessionEvent.input(1_000, F, 0, 0, "a"), SessionEvent.input(1_200, F, 1, 0, "b"),
                SessionEvent.input(1_900, F, 2, 0, "c"), SessionEvent.input(2_100, F, 3, 0, "d"),
                SessionEvent.paste(2_200, F, 4, "PASTED", PasteSource.EXTERNAL), SessionEvent.input(2_300, F, 10, 0, "e"),
                SessionEvent.input(2_400, F, 11, 0, "f")), 1_000);
        assertEquals(List.of(new Step(1_900, "abc"), new Step(2_100, "abcd"), new Step(2_200, "abcdPASTED"),
                new Step(2_400, "abcdPASTEDef")), r.fields().get(F));
    }

    @Test
    void shouldApplyAnEditThatDoesNotFitAsNearAsItCanAndCountIt() {
        // the batch that typed "Hello " is missing: the next edit starts past the end of the text so far
        Replay r = TextReplay.of(timeline(SessionEvent.input(1_000, F, 6, 0, "world"), SessionEvent.input(2_000, F, 3, 10, "!")),
                0);
        assertEquals("wor!", r.fields().get(F).get(1).text());
        assertEquals(2, r.inconsistentEdits());
    }

    static List<TimedEvent> timeline(SessionEvent... events) {
        return java.util.Arrays.stream(events).map(e -> new TimedEvent(0, Instant.EPOCH, e.t(), e)).toList();
    }
}
