package dev.arbiter.task.session.signal;

import static dev.arbiter.task.session.signal.Sessions.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.model.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InhumanTypingTest {

    static final String F = "overall";
    static final SignalThresholds T = SignalThresholds.DEFAULTS;

    /** Key events of 20 intervals each. */
    static SessionEvidence keys(List<Integer> intervals) {
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i += 20) {
            List<Integer> chunk = intervals.subList(i, Math.min(i + 20, intervals.size()));
            events.add(SessionEvent.key(1_000L + i * 200L, F, chunk.size(), chunk));
        }
        return of(Map.of(), Map.of(), events.toArray(SessionEvent[]::new));
    }

    static List<Integer> logNormal(int n, double medianMs, double sigma, long seed) {
        Random r = new Random(seed);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((int) Math.round(medianMs * Math.exp(sigma * r.nextGaussian())));
        }
        return out;
    }

    @Test
    void shouldNotFireOnHumanRhythmsFastOrSlow() {
        for (double median : new double[] {70, 150, 300}) {
            Signal s = InhumanTyping.compute(keys(logNormal(400, median, 0.4, 7)), T);
            assertFalse(s.fired(), median + " ms: " + s.summary());
            assertTrue(s.value() < 1);
        }
    }

    @Test
    void shouldFireOnAMetronomeEvenAtAHumanPaceAndWithALongPause() {
        List<Integer> intervals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            intervals.add(120 + (i % 5) - 2);
        }
        intervals.set(100, 30_000);
        Signal s = InhumanTyping.compute(keys(intervals), T);
        assertTrue(s.fired(), s.summary());
        assertFalse(s.evidence().isEmpty());
        assertTrue(s.evidence().size() <= EvidenceList.MAX);
    }

    @Test
    void shouldFireOnTypingFasterThanAnyone() {
        Signal s = InhumanTyping.compute(keys(logNormal(200, 15, 0.5, 3)), T);
        assertTrue(s.fired(), s.summary());
        assertEquals(40.0 / 15, s.value(), 0.5);
    }

    @Test
    void shouldNotJudgeTooFewKeystrokes() {
        List<Integer> metronome = new ArrayList<>();
        for (int i = 0; i < 59; i++) {
            metronome.add(100);
        }
        Signal s = InhumanTyping.compute(keys(metronome), T);
        assertFalse(s.fired());
        assertEquals(0.0, s.value());
        metronome.add(100);
        assertTrue(InhumanTyping.compute(keys(metronome), T).fired());
    }
}
