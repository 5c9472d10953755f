package dev.arbiter.task.session.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.signal.SessionEvidence.PastReach;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReferenceRecordTest {

    static final SignalThresholds T = SignalThresholds.DEFAULTS;
    static final UUID THIS = new UUID(0xCD, 99);

    /** An earlier session: {@code {reachWords, longestResponseWords}}. */
    static List<PastReach> record(int[]... sessions) {
        List<PastReach> out = new ArrayList<>();
        for (int i = 0; i < sessions.length; i++) {
            out.add(new PastReach(new UUID(0xCD, i), sessions[i][0], sessions[i][1]));
        }
        return out;
    }

    static int[] s(int reach, int longest) {
        return new int[] {reach, longest};
    }

    static ReferenceReach.Reach own(int reach, int longest) {
        return new ReferenceReach.Reach(reach, reach == 0 ? null : "A", longest, reach == 0 ? 0 : 1, longest);
    }

    static SessionEvidence session(SessionKind kind, List<PastReach> record) {
        SessionEvidence e = Sessions.of(Map.of(), Map.of());
        return new SessionEvidence(THIS, e.expertId(), kind, 0, List.of(), Map.of(), Map.of(), null, null, List.of(),
                List.of(), null, List.of(), List.of(), record);
    }

    record Row(String why, SessionKind kind, List<PastReach> record, ReferenceReach.Reach own, double value, boolean fired,
               List<UUID> pointsAt) {
    }

    @Test
    void shouldFireOnlyWhenTextsNeverReachPastTheFirstScreenOfLongResponsesItemAfterItem() {
        UUID[] id = new UUID[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = new UUID(0xCD, i);
        }
        Row[] table = {
                new Row("a glancer: long responses, every reference within the first screen; longest first",
                        SessionKind.CLAIM, record(s(120, 5_000), s(0, 12_000), s(300, 1_500), s(399, 2_000)), own(50, 3_000),
                        0, true, List.of(THIS, id[1], id[0], id[3], id[2])),
                new Row("a reader: most long items referred to past the first screen",
                        SessionKind.CLAIM, record(s(4_000, 5_000), s(250, 12_000), s(900, 1_500), s(1_800, 2_000)),
                        own(2_500, 3_000), 0.8, false, List.of()),
                new Row("one item in four reaching is at the threshold: fires; the one that reached is not evidence",
                        SessionKind.CLAIM, record(s(4_000, 5_000), s(10, 12_000), s(0, 1_500)), own(100, 3_000),
                        0.25, true, List.of(THIS, id[1], id[2])),
                new Row("400 words in is still the first screen, 401 is past it",
                        SessionKind.CLAIM, record(s(401, 5_000), s(400, 5_000), s(400, 5_000), s(400, 5_000),
                        s(400, 5_000)), own(400, 5_000), 1.0 / 6, true, List.of(THIS, id[1], id[2], id[3], id[4])),
                new Row("short items do not count: nothing much lies past their first screen",
                        SessionKind.CLAIM, record(s(0, 999), s(0, 800), s(0, 300), s(10, 5_000), s(20, 5_000)),
                        own(0, 400), 1, false, List.of()),
                new Row("this session counts when its responses are long",
                        SessionKind.CLAIM, record(s(10, 5_000), s(20, 5_000), s(30, 5_000)), own(0, 1_000), 0, true,
                        List.of(THIS, id[0], id[1], id[2])),
                new Row("three sessions are no record", SessionKind.CLAIM, record(s(10, 5_000), s(20, 5_000)),
                        own(0, 1_000), 1, false, List.of()),
                new Row("a revision writes about what it knows already", SessionKind.REVISION,
                        record(s(10, 5_000), s(20, 5_000), s(30, 5_000), s(40, 5_000)), own(0, 5_000), 1, false, List.of()),
        };
        for (Row row : table) {
            Signal s = ReferenceRecord.compute(session(row.kind(), row.record()), row.own(), T);
            assertEquals(ReferenceRecord.NAME, s.name());
            assertEquals(SignalFamily.IDENTITY_CONTENT, s.family(), row.why());
            assertEquals(Signal.Direction.AT_MOST, s.direction());
            assertEquals(0.25, s.threshold(), row.why());
            assertEquals(row.value(), s.value(), 1e-9, row.why() + ": " + s.summary());
            assertEquals(row.fired(), s.fired(), row.why() + ": " + s.summary());
            assertEquals(row.pointsAt().stream().map(String::valueOf).toList(),
                    s.evidence().stream().map(Signal.Evidence::sessionId).toList(), row.why());
        }
    }

    @Test
    void shouldNeverCountThisSessionTwice() {
        List<PastReach> withItself = new ArrayList<>(record(s(10, 5_000), s(20, 5_000)));
        withItself.add(new PastReach(THIS, 0, 5_000));
        withItself.add(new PastReach(THIS, 0, 5_000));
        Signal s = ReferenceRecord.compute(session(SessionKind.CLAIM, withItself), own(0, 5_000), T);
        assertEquals(false, s.fired());
        assertTrue(s.summary().contains("too few"), "three sessions once this one's stored copies are left out: " + s.summary());
    }

    @Test
    void shouldTakeItsThresholdsFromTheConfiguration() {
        List<PastReach> record = record(s(450, 5_000), s(700, 700), s(450, 900));
        Signal strict = ReferenceRecord.compute(session(SessionKind.CLAIM, record), own(450, 900),
                T.withReferenceRecord(500, 600, 0.5, 3));
        assertTrue(strict.fired(), "a 500-word screen, 600-word responses count, three judge: 1 of 4 reach: " + strict.summary());
        assertEquals(0.25, strict.value(), 1e-9);
        assertEquals(0.5, strict.threshold());
        Signal defaults = ReferenceRecord.compute(session(SessionKind.CLAIM, record), own(450, 900), T);
        assertEquals(false, defaults.fired(), "one long item only: " + defaults.summary());
    }

    @Test
    void shouldGiveAGlancerWhoseTextNamesTheFirstScreenASecondFamilyThroughTheEngine() {
        // reading fired (a glance at 2,000-word responses); the text names a term from the first screen, so
        // ungrounded_rationale does not fire; the record of earlier texts that never went deeper does
        String text = "A states a5 a6 a7 and then a8 a9 a10, so I prefer it; B opens with b3 b4 b5 b6.";
        java.util.Map<String, String> responses = Map.of("A", ReferenceReachTest.words("a", 2_000),
                "B", ReferenceReachTest.words("b", 2_000));
        java.util.List<dev.arbiter.task.session.model.SessionEvent> e = new ArrayList<>(List.of(
                dev.arbiter.task.session.model.SessionEvent.view(0, "A", 0, 0.15),
                dev.arbiter.task.session.model.SessionEvent.view(2_000, "B", 0, 0.15)));
        e.addAll(Sessions.typed(5_000, "overall", 0, text, 150));
        SessionEvidence evidence = Sessions.of(responses, Map.of("overall", text),
                e.toArray(dev.arbiter.task.session.model.SessionEvent[]::new))
                .withReferenceRecord(record(s(30, 4_000), s(0, 9_000), s(200, 1_200)));
        Evaluation ev = new SignalEngine().evaluate(evidence);
        Signal grounded = ev.signals().stream().filter(x -> x.name().equals(UngroundedRationale.NAME)).findFirst().orElseThrow();
        Signal record = ev.signals().stream().filter(x -> x.name().equals(ReferenceRecord.NAME)).findFirst().orElseThrow();
        assertEquals(false, grounded.fired(), grounded.summary());
        assertTrue(record.fired(), record.summary());
        assertEquals(8, ev.reach().reachWords(), "a8 a9 a10: the deepest passage named, on A's first screen");
        assertEquals(java.util.EnumSet.of(SignalFamily.ATTENTION, SignalFamily.IDENTITY_CONTENT), ev.firedFamilies());
        assertTrue(ev.flagged());
    }
}
