package dev.arbiter.task.session;

import static dev.arbiter.task.session.model.EventType.BLUR;
import static dev.arbiter.task.session.model.EventType.FOCUS;
import static dev.arbiter.task.session.model.EventType.IDLE;
import static dev.arbiter.task.session.model.EventType.SUBMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.RecordedBatch;
import dev.arbiter.task.session.model.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveTimeTest {

    static final Instant OPENED = Instant.parse("2026-11-30T10:00:00Z");
    static final Duration IDLE_GAP = Duration.ofSeconds(120);

    // --- sessions without recorded events: wall-clock time

    @Test
    void shouldCountTheWholeSessionWhenItClosesBeforeItStopsCounting() {
        assertEquals(600, ActiveTime.seconds(OPENED, OPENED.plusSeconds(600), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldStopCountingAtTheCap() {
        assertEquals(1200, ActiveTime.seconds(OPENED, OPENED.plusSeconds(5000), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldCountWholeSecondsOnly() {
        assertEquals(59, ActiveTime.seconds(OPENED, OPENED.plusMillis(59_999), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldNeverBeNegative() {
        assertEquals(0, ActiveTime.seconds(OPENED, OPENED.minusSeconds(5), OPENED.plusSeconds(1200)));
        assertEquals(0, ActiveTime.seconds(OPENED, OPENED.plusSeconds(60), OPENED.minusSeconds(1)));
    }

    @Test
    void shouldKeepTheWallClockRuleForASessionWithoutEvents() {
        assertEquals(600, fromLog(600, List.of()));
        assertEquals(600, fromLog(600, List.of(batch(0, 10, List.of()))), "batches with no event record nothing");
    }

    // --- sessions with recorded events: time with interaction

    @Test
    void shouldCountSteadyWorkFromOpeningToClosing() {
        // an event every 5 s from 1 s to 596 s, submitted at 599 s, closed at 600 s
        assertEquals(600, fromLog(600, steady(0, 1, 596, 5, 600)));
    }

    @Test
    void shouldLeaveOutAGapLongerThanTheIdleThresholdWhole() {
        // work 0–100 s, nothing for 300 s, work 400–600 s
        List<RecordedBatch> log = List.of(
                batch(0, 101, List.of(ev(0, FOCUS), ev(50, FOCUS), ev(100, FOCUS))),
                batch(1, 601, List.of(ev(400, FOCUS), ev(500, FOCUS), ev(600, SUBMIT))));
        assertEquals(100 + 200, fromLog(600, log));
    }

    @Test
    void shouldCountAGapUpToTheThresholdAsReading() {
        List<RecordedBatch> log = List.of(batch(0, 601, List.of(ev(0, FOCUS), ev(120, FOCUS), ev(240, FOCUS),
                ev(361, FOCUS), ev(480, FOCUS), ev(600, SUBMIT))));
        assertEquals(600 - 121, fromLog(600, log), "the 121 s gap is idle, the 120 s ones are reading");
    }

    @Test
    void shouldNotCountTheStretchesAroundAnIdleEvent() {
        // the workbench said idle at 200 s (after 60 s without interaction, its own threshold) and active again at 230 s
        List<RecordedBatch> log = List.of(batch(0, 301, List.of(ev(0, FOCUS), ev(100, FOCUS), ev(140, FOCUS),
                ev(200, IDLE), ev(230, EventType.ACTIVE), ev(300, SUBMIT))));
        assertEquals(140 + 70, fromLog(300, log));
    }

    @Test
    void shouldCountAShortVisitToAnotherTabButNotALongOne() {
        List<RecordedBatch> log = List.of(batch(0, 900, List.of(ev(0, FOCUS), ev(100, BLUR), ev(160, FOCUS),
                ev(260, FOCUS), ev(300, BLUR), ev(800, FOCUS), ev(900, SUBMIT))));
        assertEquals(100 + 60 + 100 + 40 + 100, fromLog(900, log), "60 s on another tab count, 500 s do not");
    }

    @Test
    void shouldGiveTheSameFigureWhateverOrderTheBatchesArrivedIn() {
        List<RecordedBatch> inOrder = steady(0, 1, 596, 5, 600);
        List<RecordedBatch> shuffled = new ArrayList<>(inOrder);
        java.util.Collections.reverse(shuffled);
        assertEquals(fromLog(600, inOrder), fromLog(600, shuffled));
    }

    @Test
    void shouldBridgeAMissingBatchWithinTheIdleThreshold() {
        List<RecordedBatch> log = new ArrayList<>(steady(0, 1, 596, 5, 600));
        log.remove(3);
        assertEquals(600, fromLog(600, log), "a lost batch of 5 s leaves a 10 s stretch between its neighbours");
    }

    @Test
    void shouldNotLetABrowserClockThatRunsAheadAddTime() {
        // every t is 10x what really passed: the times are clamped to when each batch arrived
        List<RecordedBatch> log = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long real = (i + 1) * 10L;
            log.add(batch(i, real, List.of(ev(real * 10, FOCUS))));
        }
        assertEquals(600, fromLog(600, log));
    }

    @Test
    void shouldNeverCountMoreThanTheSessionWasOpenNorPastTheCap() {
        List<RecordedBatch> log = List.of(batch(0, 700, List.of(ev(0, FOCUS), ev(100, FOCUS), ev(5000, FOCUS))));
        assertEquals(100, fromLog(600, log), "5000 s is clamped to the close at 600 s, a gap of 500 s");
        List<RecordedBatch> steady = steady(0, 1, 1196, 5, 1200);
        assertEquals(900, ActiveTime.seconds(OPENED, OPENED.plusSeconds(1200), OPENED.plusSeconds(900), steady, IDLE_GAP));
    }

    @Test
    void shouldCountNothingForAnExpertWhoOpenedAndLeft() {
        List<RecordedBatch> log = List.of(batch(0, 5, List.of(ev(0, FOCUS), ev(2, BLUR))));
        assertEquals(2, fromLog(3600, log));
    }

    static long fromLog(long closedAfterSeconds, List<RecordedBatch> log) {
        return ActiveTime.seconds(OPENED, OPENED.plusSeconds(closedAfterSeconds), OPENED.plusSeconds(7200), log, IDLE_GAP);
    }

    /** Batches every {@code every} seconds, each with one event, the last a submit at {@code submitAt}. */
    static List<RecordedBatch> steady(int firstSeq, long from, long to, long every, long submitAt) {
        List<RecordedBatch> log = new ArrayList<>();
        int seq = firstSeq;
        for (long s = from; s <= to; s += every) {
            log.add(batch(seq++, s + 1, List.of(ev(s, FOCUS))));
        }
        log.add(batch(seq, submitAt, List.of(ev(submitAt - 1, SUBMIT))));
        return log;
    }

    static RecordedBatch batch(int seq, long receivedAfterSeconds, List<SessionEvent> events) {
        return new RecordedBatch(seq, OPENED.plusSeconds(receivedAfterSeconds), events);
    }

    static SessionEvent ev(long seconds, EventType type) {
        return SessionEvent.bare(seconds * 1000, type);
    }
}
