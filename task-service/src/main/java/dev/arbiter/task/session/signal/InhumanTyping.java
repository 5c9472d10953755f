package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.Arrays;
import java.util.List;

/**
 * {@code inhuman_typing} (input provenance): keystrokes faster or more regular than people type. People's
 * intervals between keys scatter widely (a log-normal around 120–300 ms, with pauses); a script that
 * fakes keystrokes either types faster than anyone (median of all intervals below
 * {@code typingMedianFloorMs}) or ticks like a metronome: within each {@code key} event (a few seconds of
 * typing) the median absolute deviation is below {@code typingSpreadFloor} of the median, for the
 * typical event (the median over the events with at least 8 intervals). Medians and deviations rather
 * than means and standard deviations, because one long pause would otherwise hide a machine; spread
 * judged within events, because a script switching between two regular rhythms looks scattered when
 * its intervals are pooled.
 *
 * <p>The value is how far past the nearer floor the typing is: {@code max(floor / median, spreadFloor /
 * spread)}, at most 10; it fires at 1. Sessions with fewer than {@code typingMinIntervals} intervals are
 * not judged (value 0).
 */
public final class InhumanTyping {

    public static final String NAME = "inhuman_typing";
    static final double MAX_VALUE = 10;
    /** A single key event is pointed at when it has at least this many intervals and is itself machine-like. */
    private static final int EVENT_MIN_INTERVALS = 8;

    private InhumanTyping() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        int n = 0;
        for (TimedEvent t : evidence.events()) {
            if (t.type() == EventType.KEY && t.event().intervalsMs() != null) {
                n += t.event().intervalsMs().size();
            }
        }
        if (n < thresholds.typingMinIntervals()) {
            return new Signal(NAME, SignalFamily.INPUT_PROVENANCE, 0, 1, Signal.Direction.AT_LEAST, false,
                    n + " keystroke intervals, fewer than the " + thresholds.typingMinIntervals() + " needed to judge", List.of());
        }
        int[] all = new int[n];
        int i = 0;
        for (TimedEvent t : evidence.events()) {
            if (t.type() == EventType.KEY && t.event().intervalsMs() != null) {
                for (Integer v : t.event().intervalsMs()) {
                    all[i++] = v == null ? 0 : v;
                }
            }
        }
        Rhythm rhythm = new Rhythm(Rhythm.of(all).median(), typicalSpread(evidence, Rhythm.of(all).spread()));
        double value = rhythm.inhumanity(thresholds);
        boolean fired = value >= 1;
        String summary = String.format("median interval %.0f ms (floor %.0f), typical spread %.2f (floor %.2f) over %d keystroke intervals",
                rhythm.median(), thresholds.typingMedianFloorMs(), rhythm.spread(), thresholds.typingSpreadFloor(), n);
        return new Signal(NAME, SignalFamily.INPUT_PROVENANCE, value, 1, Signal.Direction.AT_LEAST, fired, summary,
                fired ? pointAt(evidence, thresholds) : List.of());
    }

    /** The median of the key events' own spreads; {@code pooled} when no event has enough intervals to have one. */
    private static double typicalSpread(SessionEvidence evidence, double pooled) {
        List<Double> spreads = new java.util.ArrayList<>();
        for (TimedEvent t : evidence.events()) {
            List<Integer> intervals = t.event().intervalsMs();
            if (t.type() == EventType.KEY && intervals != null && intervals.size() >= EVENT_MIN_INTERVALS) {
                spreads.add(Rhythm.of(intervals.stream().mapToInt(v -> v == null ? 0 : v).toArray()).spread());
            }
        }
        if (spreads.isEmpty()) {
            return pooled;
        }
        spreads.sort(null);
        int m = spreads.size() / 2;
        return spreads.size() % 2 == 1 ? spreads.get(m) : (spreads.get(m - 1) + spreads.get(m)) / 2;
    }

    /** The key events that are machine-like by themselves; the first key events when none is on its own. */
    private static List<Signal.Evidence> pointAt(SessionEvidence evidence, SignalThresholds thresholds) {
        EvidenceList points = new EvidenceList();
        for (TimedEvent t : evidence.events()) {
            List<Integer> intervals = t.event().intervalsMs();
            if (t.type() != EventType.KEY || intervals == null || intervals.size() < EVENT_MIN_INTERVALS) {
                continue;
            }
            Rhythm r = Rhythm.of(intervals.stream().mapToInt(v -> v == null ? 0 : v).toArray());
            if (r.inhumanity(thresholds) >= 1) {
                points.event(t, String.format("%d keys, median %.0f ms, spread %.2f", t.event().count(), r.median(), r.spread()));
                if (points.full()) {
                    break;
                }
            }
        }
        if (points.list().isEmpty()) {
            for (TimedEvent t : evidence.events()) {
                SessionEvent e = t.event();
                if (t.type() == EventType.KEY) {
                    points.event(t, e.count() + " keys");
                    if (points.full()) {
                        break;
                    }
                }
            }
        }
        return points.list();
    }

    /** The median interval and the median absolute deviation relative to it. */
    record Rhythm(double median, double spread) {

        static Rhythm of(int[] intervals) {
            int[] sorted = intervals.clone();
            Arrays.sort(sorted);
            double median = median(sorted);
            int[] deviations = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                deviations[i] = (int) Math.round(Math.abs(sorted[i] - median));
            }
            Arrays.sort(deviations);
            return new Rhythm(median, median <= 0 ? 0 : median(deviations) / median);
        }

        double inhumanity(SignalThresholds thresholds) {
            double fast = median <= 0 ? MAX_VALUE : thresholds.typingMedianFloorMs() / median;
            double regular = spread <= 0 ? MAX_VALUE : thresholds.typingSpreadFloor() / spread;
            return Math.min(MAX_VALUE, Math.max(fast, regular));
        }

        private static double median(int[] sorted) {
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
        }
    }
}
