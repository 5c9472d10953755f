package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.SessionEvidence.PastReading;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadingRecordTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final String F = "overall";
    static final Map<String, String> RESPONSES = Map.of("A", Sessions.words(150), "B", Sessions.words(150));

    static SessionEvidence session(List<PastReading> record) {
        return Sessions.of(RESPONSES, Map.of()).withReadingRecord(record);
    }

    static Signal reading(double share) {
        return new Signal(ReadingTime.NAME, SignalFamily.ATTENTION, share, 0.5, Signal.Direction.AT_MOST, share <= 0.5, "",
                List.of());
    }

    static List<PastReading> record(double... shares) {
        List<PastReading> out = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            out.add(new PastReading(new UUID(0xAB, i), shares[i]));
        }
        return out;
    }

    @Test
    void shouldFireOnAHabitOfGlancingEvenWhenThisSessionPassedForReading() {
        // short responses: this session's glance plus typing pauses reached 90 % of what a fast reader needs
        Signal s = ReadingRecord.compute(session(record(0.04, 0.3, 0.02, 0.01, 1.0, 0.06, 0.5)), reading(0.9), T);
        assertTrue(s.fired(), s.summary());
        assertEquals(SignalFamily.ATTENTION, s.family());
        assertEquals((0.06 + 0.3) / 2, s.value(), 1e-9, "eight values 0.01 0.02 0.04 0.06 | 0.3 0.5 0.9 1.0: the mean of the middle two");
        List<String> pointed = s.evidence().stream().map(Signal.Evidence::sessionId).toList();
        assertEquals(List.of(new UUID(0xAB, 3), new UUID(0xAB, 2), new UUID(0xAB, 0), new UUID(0xAB, 5),
                new UUID(0xAB, 1), new UUID(0xAB, 6)).stream().map(String::valueOf).toList(), pointed,
                "every earlier session read at or below reading_time's threshold, lowest first; not the one read in full");
        assertTrue(s.evidence().get(0).note().contains("1%"), s.evidence().get(0).note());
    }

    @Test
    void shouldNotFireOnAnExpertWhoReadsWithTheOddQuickRead() {
        Signal s = ReadingRecord.compute(session(record(1.0, 0.98, 0.1, 1.0, 0.7, 1.0, 0.2, 0.95, 1.0, 0.85)), reading(0.05),
                T);
        assertFalse(s.fired(), s.summary());
        assertTrue(s.value() > 0.8, s.summary());
        assertEquals(List.of(), s.evidence());
    }

    @Test
    void shouldNotJudgeANewExpertOrAnotherKindOfSession() {
        Signal fresh = ReadingRecord.compute(session(record(0.0, 0.0, 0.0)), reading(0.0), T);
        assertFalse(fresh.fired(), "four sessions are no habit");
        assertEquals(1, fresh.value());
        assertTrue(fresh.summary().contains("too few"), fresh.summary());

        SessionEvidence e = session(record(0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        SessionEvidence revision = new SessionEvidence(e.sessionId(), e.expertId(), SessionKind.REVISION, e.wallMillis(),
                e.events(), e.responses(), e.finalTexts(), e.deviceId(), e.clientAddress(), e.deviceSharers(), e.peerTexts(),
                e.itemId(), e.ownTexts(), e.readingRecord());
        assertFalse(ReadingRecord.compute(revision, reading(0.0), T).fired(), "a revision need not read again");
    }

    @Test
    void shouldFireAtTheThresholdAndNotAbove() {
        assertTrue(ReadingRecord.compute(session(record(0.25, 0.25, 0.25, 0.25)), reading(0.25), T).fired());
        assertFalse(ReadingRecord.compute(session(record(0.26, 0.26, 0.26, 0.26)), reading(0.26), T).fired());
        SignalThresholds loose = T.withReadingRecord(0.3, 3);
        Signal s = ReadingRecord.compute(session(record(0.26, 0.26)), reading(0.26), loose);
        assertTrue(s.fired(), "three sessions judged and 0.26 under 0.3 with the configured thresholds");
        assertEquals(0.3, s.threshold());
    }

    @Test
    void shouldNeverCountThisSessionTwice() {
        SessionEvidence e = session(List.of());
        List<PastReading> withItself = new ArrayList<>(record(1.0, 1.0, 1.0));
        withItself.add(new PastReading(e.sessionId(), 0.0));
        withItself.add(new PastReading(e.sessionId(), 0.0));
        Signal s = ReadingRecord.compute(e.withReadingRecord(withItself), reading(0.0), T);
        assertFalse(s.fired());
        assertTrue(s.summary().contains("too few"), "four sessions once this one's stored copies are left out: " + s.summary());
    }

    @Test
    void shouldGiveAHabitualGlancerASecondFamilyThroughTheEngine() {
        // short responses glanced at for 30 s of a needed 18 s: reading_time is satisfied, the habit is not
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(0, "A", 0, 1), SessionEvent.view(0, "B", 0, 1)));
        e.addAll(Sessions.typed(30_000, F, 0, "fine ", 150));
        SessionEvidence evidence = Sessions.of(RESPONSES, Map.of(F, "fine "), e.toArray(SessionEvent[]::new))
                .withReadingRecord(record(0.02, 0.05, 0.01, 0.03, 0.04, 0.9));
        Evaluation ev = new SignalEngine().evaluate(evidence);
        Signal rt = ev.signals().stream().filter(s -> s.name().equals(ReadingTime.NAME)).findFirst().orElseThrow();
        Signal rr = ev.signals().stream().filter(s -> s.name().equals(ReadingRecord.NAME)).findFirst().orElseThrow();
        assertFalse(rt.fired(), rt.summary());
        assertTrue(rr.fired(), rr.summary());
        assertEquals(EnumSet.of(SignalFamily.ATTENTION), ev.firedFamilies(), "attention alone: no flag");
        assertFalse(ev.flagged());
    }
}
