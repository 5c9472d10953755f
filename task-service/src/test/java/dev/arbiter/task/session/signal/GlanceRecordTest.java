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

class GlanceRecordTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final UUID THIS = new UUID(0xEF, 99);
    static final double NOT_JUDGED = Double.NaN;
    static final String F = "overall";

    /** Earlier sessions with these first reads (their reading share does not matter here). */
    static List<PastReading> record(double... firstReads) {
        List<PastReading> out = new ArrayList<>();
        for (int i = 0; i < firstReads.length; i++) {
            out.add(new PastReading(new UUID(0xEF, i), 1.0, firstReads[i]));
        }
        return out;
    }

    static SessionEvidence session(SessionKind kind, List<PastReading> record) {
        return new SessionEvidence(THIS, Sessions.EXPERT, kind, 0, List.of(), Map.of(), Map.of(), null, null, List.of(),
                List.of(), null, List.of(), record, List.of());
    }

    static UUID id(int i) {
        return new UUID(0xEF, i);
    }

    record Row(String why, SessionKind kind, List<PastReading> record, double own, double value, boolean fired,
               List<UUID> pointsAt) {
    }

    @Test
    void shouldFireOnAHabitOfWritingAfterAGlanceAndOnNothingElse() {
        Row[] table = {
                new Row("a speed-runner who reads half their items: three glances in six, lowest first, this one too",
                        SessionKind.CLAIM, record(0.05, 1.0, 0.2, 0.9, 1.0), 0.1, 0.5, true, List.of(THIS, id(0), id(2))),
                new Row("a reader with the odd quick read at 3,000 words a minute: a third is not a glance",
                        SessionKind.CLAIM, record(1.0, 0.34, 1.0, 0.9, 1.0, 0.34, 1.0), 1.0, 0, false, List.of()),
                new Row("0.25 is a glance, 0.26 is not",
                        SessionKind.CLAIM, record(0.25, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26,
                        0.25), 0.26, 2.0 / 14, false, List.of()),
                new Row("two glances in thirteen (0.154) reach the share of 0.15",
                        SessionKind.CLAIM, record(0.25, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.26, 0.25),
                        0.26, 2.0 / 13, true, List.of(id(0), id(11))),
                new Row("one glance in five is a share of 0.2 but not a habit: at least two are needed",
                        SessionKind.CLAIM, record(1.0, 1.0, 0.0, 1.0), 1.0, 0.2, false, List.of()),
                new Row("sessions not judged (short responses, nothing written, stored before V18) are left out",
                        SessionKind.CLAIM, record(NOT_JUDGED, 0.1, NOT_JUDGED, 0.1, 1.0, NOT_JUDGED, 1.0), 1.0, 0.4,
                        true, List.of(id(1), id(3))),
                new Row("this session not judged, four judged earlier ones: too few", SessionKind.CLAIM,
                        record(0.0, 0.0, 0.0, 0.0, NOT_JUDGED), NOT_JUDGED, 0, false, List.of()),
                new Row("this session judged makes five", SessionKind.CLAIM, record(0.0, 0.0, 0.0, 0.0), 1.0, 0.8, true,
                        List.of(id(0), id(1), id(2), id(3))),
                new Row("a revision need not read again", SessionKind.REVISION, record(0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.0, 0,
                        false, List.of()),
        };
        for (Row row : table) {
            Signal s = GlanceRecord.compute(session(row.kind(), row.record()), row.own(), T);
            assertEquals(GlanceRecord.NAME, s.name());
            assertEquals(SignalFamily.ATTENTION, s.family(), row.why());
            assertEquals(Signal.Direction.AT_LEAST, s.direction());
            assertEquals(0.15, s.threshold(), row.why());
            assertEquals(row.value(), s.value(), 1e-9, row.why() + ": " + s.summary());
            assertEquals(row.fired(), s.fired(), row.why() + ": " + s.summary());
            assertEquals(row.pointsAt().stream().map(String::valueOf).toList(),
                    s.evidence().stream().map(Signal.Evidence::sessionId).toList(), row.why());
        }
    }

    @Test
    void shouldNeverCountThisSessionTwice() {
        List<PastReading> withItself = new ArrayList<>(record(1.0, 1.0, 1.0));
        withItself.add(new PastReading(THIS, 1.0, 0.0));
        withItself.add(new PastReading(THIS, 1.0, 0.0));
        Signal s = GlanceRecord.compute(session(SessionKind.CLAIM, withItself), 0.0, T);
        assertFalse(s.fired());
        assertTrue(s.summary().contains("too few"), "four sessions once this one's stored copies are left out: " + s.summary());
    }

    @Test
    void shouldTakeItsThresholdsFromTheConfiguration() {
        List<PastReading> record = record(0.3, 1.0, 1.0);
        Signal strict = GlanceRecord.compute(session(SessionKind.CLAIM, record), 1.0, T.withGlanceRecord(0.4, 0.25, 1, 4));
        assertTrue(strict.fired(), "a glance up to 0.4, one of four is enough, four judge: " + strict.summary());
        assertEquals(0.25, strict.value(), 1e-9);
        assertEquals(0.25, strict.threshold());
        assertFalse(GlanceRecord.compute(session(SessionKind.CLAIM, record), 1.0, T).fired());
    }

    @Test
    void shouldMeasureTheBestReadResponseBeforeTheFirstText() {
        // a 200-word response (12 s at 1,000 words a minute) and a 600-word one (36 s), side by side: A on screen from
        // 0, B from 1 s, the first text at 3 s, then typing with pauses (which count for reading_time, never here)
        Map<String, String> responses = Map.of("A", Sessions.words(200), "B", Sessions.words(600));
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(0, "A", 0, 1), SessionEvent.view(1_000, "B", 0, 0.5)));
        e.addAll(Sessions.typed(3_000, F, 0, "fine answer", 3_000));
        SessionEvidence glance = Sessions.of(responses, Map.of(F, "fine answer"), e.toArray(SessionEvent[]::new));
        assertEquals(3.0 / 12, GlanceRecord.firstRead(glance, T), 1e-9, "A's 3 s of its 12 s, better than B's 2 s of 36 s");

        // a reader: A read for 15 s (credited 12 s at most), then B's first half for 10 s, then writes
        List<SessionEvent> r = new ArrayList<>(List.of(SessionEvent.view(0, "A", 0, 1), SessionEvent.view(15_000, "B", 0, 0.5)));
        r.addAll(Sessions.typed(25_000, F, 0, "fine answer", 200));
        assertEquals(1.0, GlanceRecord.firstRead(Sessions.of(responses, Map.of(F, "x"), r.toArray(SessionEvent[]::new)), T),
                1e-9, "A's full credit");

        // not judged: short responses, nothing written, no view event
        Map<String, String> short_ = Map.of("A", Sessions.words(40), "B", Sessions.words(40));
        assertTrue(Double.isNaN(GlanceRecord.firstRead(Sessions.of(short_, Map.of(), SessionEvent.view(0, "A", 0, 1),
                SessionEvent.input(1_000, F, 0, 0, "x")), T)));
        assertTrue(Double.isNaN(GlanceRecord.firstRead(Sessions.of(responses, Map.of(), SessionEvent.view(0, "A", 0, 1)), T)));
        assertTrue(Double.isNaN(GlanceRecord.firstRead(Sessions.of(responses, Map.of(),
                SessionEvent.input(10_000, F, 0, 0, "x")), T)));
    }

    @Test
    void shouldGiveAHabitualGlancerOnShortResponsesASecondFamilyThroughTheEngine() {
        // short responses (300 words, 18 s; 100 words, 6 s) glanced at for 4.4 s and 1.4 s before typing, with a
        // thinking pause in the typing: reading_time credits the pause and wrote_before_reading adds both glances
        // against the shorter response, so neither fires; the device is another account's (identity); the habit
        // of writing after a glance is the second family
        Map<String, String> responses = Map.of("A", Sessions.words(300), "B", Sessions.words(100));
        String text = "Fine answer overall.";
        List<SessionEvent> e = new ArrayList<>(List.of(SessionEvent.view(0, "A", 0, 1), SessionEvent.view(3_000, "B", 0, 1)));
        e.addAll(Sessions.typed(4_400, F, 0, text.substring(0, 10), 150));
        e.addAll(Sessions.typed(30_000, F, 10, text.substring(10), 150));
        SessionEvidence evidence = Sessions.with(responses, Map.of(F, text),
                List.of(new SessionEvidence.PeerSession(UUID.randomUUID(), UUID.randomUUID(), true, true)), List.of(),
                e.toArray(SessionEvent[]::new)).withReadingRecord(record(0.05, 1.0, 0.2, 0.9, 1.0, 0.1));
        Evaluation ev = new SignalEngine().evaluate(evidence);
        Signal rt = ev.signals().stream().filter(x -> x.name().equals(ReadingTime.NAME)).findFirst().orElseThrow();
        Signal wbr = ev.signals().stream().filter(x -> x.name().equals(WroteBeforeReading.NAME)).findFirst().orElseThrow();
        Signal glance = ev.signals().stream().filter(x -> x.name().equals(GlanceRecord.NAME)).findFirst().orElseThrow();
        assertFalse(rt.fired(), rt.summary());
        assertFalse(wbr.fired(), wbr.summary());
        assertEquals(4.4 / 18, ev.firstRead(), 1e-9, "A's 4.4 s of its 18 s (B's 1.4 s of 6 s is less)");
        assertTrue(glance.fired(), glance.summary());
        assertEquals(4.0 / 7, glance.value(), 1e-9, glance.summary());
        assertEquals(EnumSet.of(SignalFamily.ATTENTION, SignalFamily.IDENTITY_CONTENT), ev.firedFamilies());
        assertTrue(ev.flagged());

        Evaluation alone = new SignalEngine().evaluate(evidence.withReadingRecord(List.of()));
        assertEquals(EnumSet.of(SignalFamily.IDENTITY_CONTENT), alone.firedFamilies(), "without the record: one family");
    }
}
