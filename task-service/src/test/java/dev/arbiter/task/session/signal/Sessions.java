package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.TimedEvent;
import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hand-made sessions for the signals' unit tests: events in batches of ten, sent as they happen. */
final class Sessions {

    static final UUID EXPERT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final Instant OPENED = Instant.parse("2026-11-30T09:00:00Z");

    private Sessions() {
    }

    static List<TimedEvent> timeline(SessionEvent... events) {
        List<TimedEvent> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            SessionEvent e = events[i];
            out.add(new TimedEvent(i / 10, OPENED.plusMillis(e.t()), e.t(), e));
        }
        return out;
    }

    static SessionEvidence of(Map<String, String> responses, Map<String, String> finalTexts, SessionEvent... events) {
        return with(responses, finalTexts, List.of(), List.of(), events);
    }

    static SessionEvidence with(Map<String, String> responses, Map<String, String> finalTexts, List<PeerSession> sharers,
                                List<PeerText> peers, SessionEvent... events) {
        long wall = events.length == 0 ? 0 : Arrays.stream(events).mapToLong(SessionEvent::t).max().orElse(0) + 1_000;
        return new SessionEvidence(UUID.randomUUID(), EXPERT, SessionKind.CLAIM, wall, timeline(events), responses, finalTexts,
                "device-1", "127.0.0.1", sharers, peers, null, List.of());
    }

    /** {@code n} words of filler ("w0 w1 w2 …"), so reading needs are easy to reckon. */
    static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append('w').append(i);
        }
        return b.toString();
    }

    /** Intervals of a person's typing around {@code ms}: scattered, never a metronome. */
    static List<Integer> humanIntervals(int n, int ms) {
        double[] spread = {0.6, 1.4, 0.9, 2.1, 0.7, 1.2, 1.7, 0.8, 1.0, 0.5, 1.3};
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((int) Math.round(ms * spread[i % spread.length]));
        }
        return out;
    }

    /** {@code text} typed one character an input, {@code ms} apart from {@code t}, with its key event (human intervals). */
    static List<SessionEvent> typed(long t, String field, int pos, String text, int ms) {
        List<SessionEvent> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            out.add(SessionEvent.input(t + (long) i * ms, field, pos + i, 0, String.valueOf(text.charAt(i))));
        }
        out.add(SessionEvent.key(t + (long) text.length() * ms, field, text.length(),
                humanIntervals(Math.max(0, text.length() - 1), ms)));
        return out;
    }
}
