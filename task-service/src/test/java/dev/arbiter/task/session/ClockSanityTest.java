package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.session.ClockSanity.SaneLog;
import dev.arbiter.task.session.model.ClockReport;
import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSanityTest {

    static final Instant OPENED = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void shouldKeepTimesThatAgreeWithTheServer() {
        SaneLog log = ClockSanity.apply(OPENED, OPENED.plusSeconds(60),
                List.of(batch(0, 5_000, 1_000, 2_000), batch(1, 10_000, 6_000, 9_999)));
        assertEquals(List.of(1_000L, 2_000L, 6_000L, 9_999L), times(log));
        assertEquals(new ClockReport(0, 0, 0), log.report());
    }

    @Test
    void shouldBringTimesAheadOfTheirBatchsArrivalDownToIt() {
        SaneLog log = ClockSanity.apply(OPENED, null, List.of(batch(0, 5_000, 4_000, 9_000, 60_000)));
        assertEquals(List.of(4_000L, 5_000L, 5_000L), times(log));
        assertEquals(new ClockReport(2, 0, 0), log.report());
    }

    @Test
    void shouldBringTimesAfterTheCloseDownToItButKeepTheLateBatch() {
        // flushed 3 s after the close at 60 s: its events claim 61 s and 62 s
        SaneLog log = ClockSanity.apply(OPENED, OPENED.plusSeconds(60),
                List.of(batch(0, 30_000, 20_000), batch(1, 63_000, 59_000, 61_000, 62_000)));
        assertEquals(List.of(20_000L, 59_000L, 60_000L, 60_000L), times(log));
        assertEquals(new ClockReport(0, 0, 2), log.report());
    }

    @Test
    void shouldNeverLetTimeRunBackwards() {
        SaneLog log = ClockSanity.apply(OPENED, null,
                List.of(batch(0, 10_000, 5_000, 3_000, 6_000), batch(1, 20_000, 4_000, 15_000)));
        assertEquals(List.of(5_000L, 5_000L, 6_000L, 6_000L, 15_000L), times(log));
        assertEquals(new ClockReport(0, 2, 0), log.report());
        assertEquals(3_000L, log.events().get(1).browserT(), "what the browser said is kept beside the corrected time");
    }

    @Test
    void shouldTakeBatchesInSeqOrderWhateverOrderTheyArrivedIn() {
        SaneLog log = ClockSanity.apply(OPENED, null,
                List.of(batch(2, 30_000, 25_000), batch(0, 10_000, 1_000), batch(1, 20_000, 15_000)));
        assertEquals(List.of(1_000L, 15_000L, 25_000L), times(log));
        assertEquals(List.of(0, 1, 2), log.events().stream().map(TimedEvent::seq).toList());
        assertEquals(new ClockReport(0, 0, 0), log.report());
    }

    @Test
    void shouldCountEachCorrectedEventOnce() {
        // ahead of its arrival and past the close at once: one correction, "ahead"
        SaneLog log = ClockSanity.apply(OPENED, OPENED.plusSeconds(10), List.of(batch(0, 12_000, 50_000)));
        assertEquals(List.of(10_000L), times(log));
        assertEquals(new ClockReport(1, 0, 0), log.report());
    }

    static RecordedBatch batch(int seq, long receivedAfterMillis, long... times) {
        List<SessionEvent> events = java.util.Arrays.stream(times).mapToObj(t -> SessionEvent.bare(t, EventType.FOCUS)).toList();
        return new RecordedBatch(seq, OPENED.plusMillis(receivedAfterMillis), events);
    }

    static List<Long> times(SaneLog log) {
        return log.events().stream().map(TimedEvent::t).toList();
    }
}
