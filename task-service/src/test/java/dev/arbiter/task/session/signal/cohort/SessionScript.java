package dev.arbiter.task.session.signal.cohort;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.PasteSource;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.TimedEvent;
import dev.arbiter.task.session.signal.SessionEvidence;
import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import dev.arbiter.task.session.signal.SessionEvidence.PeerText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes one synthetic session the way the workbench would record it: a clock that moves forward, each
 * field's text kept as it is edited (so {@code finalTexts} is exactly what the events leave), and
 * keystroke timing sent as {@code key} events of at most 40 intervals, as the workbench batches them.
 */
final class SessionScript {

    private static final int KEYS_PER_EVENT = 40;
    private static final Instant OPENED = Instant.parse("2026-11-30T09:00:00Z");

    final Random r;
    final Item item;
    private long t;
    private final List<SessionEvent> events = new ArrayList<>();
    private final Map<String, StringBuilder> fields = new LinkedHashMap<>();
    private String keyField;
    private final List<Integer> keyIntervals = new ArrayList<>();
    private int keyCount;
    private long lastKey = -1;

    SessionScript(Random r, Item item) {
        this.r = r;
        this.item = item;
        this.t = 200 + r.nextInt(800);
    }

    long now() {
        return t;
    }

    void pause(long ms) {
        t += Math.max(0, ms);
    }

    void view(String label, double from, double to) {
        add(SessionEvent.view(t, label, Math.max(0, from), Math.min(1, to)));
    }

    /**
     * Reads {@code label} a screen ({@code screenWords}) at a time at {@code wpm}, each screen's dwell
     * scattered ±30 %, covering {@code coverage} of it from the top.
     */
    void read(String label, double wpm, double coverage, int screenWords) {
        int words = item.words(label);
        double screen = Math.min(1, (double) screenWords / Math.max(1, words));
        for (double from = 0; from < coverage - 1e-9; from += screen) {
            double to = Math.min(1, from + screen);
            view(label, from, to);
            double seen = (to - from) * words;
            pause(Math.round(seen / wpm * 60_000 * (0.7 + 0.6 * r.nextDouble())));
        }
    }

    /** Leaves the page for {@code awayMs}. */
    void away(long awayMs) {
        flushKeys();
        add(SessionEvent.bare(t, EventType.BLUR));
        pause(awayMs);
        add(SessionEvent.bare(t, EventType.FOCUS));
    }

    void copy(String label, int length) {
        add(SessionEvent.copy(t, label, length));
    }

    String text(String field) {
        return fields.computeIfAbsent(field, f -> new StringBuilder()).toString();
    }

    /** Types {@code text} at the end of {@code field} by hand, typos corrected with backspace. */
    void type(String field, String text, Typist typist) {
        StringBuilder b = fields.computeIfAbsent(field, f -> new StringBuilder());
        for (int i = 0; i < text.length(); i++) {
            if (r.nextDouble() < typist.typoChance()) {
                keystroke(field, typist);
                add(SessionEvent.input(t, field, b.length(), 0, "q"));
                b.append('q');
                keystroke(field, typist);
                add(SessionEvent.input(t, field, b.length() - 1, 1, ""));
                b.setLength(b.length() - 1);
            }
            keystroke(field, typist);
            String c = String.valueOf(text.charAt(i));
            add(SessionEvent.input(t, field, b.length(), 0, c));
            b.append(c);
        }
        flushKeys();
    }

    /** Replaces the word at {@code pos} with no keystroke (a spell-checker's suggestion taken with the mouse). */
    void autocorrect(String field) {
        StringBuilder b = fields.get(field);
        if (b == null || b.length() < 20) {
            return;
        }
        int pos = b.indexOf(" ", r.nextInt(b.length() - 10));
        if (pos < 0) {
            return;
        }
        int end = b.indexOf(" ", pos + 1);
        if (end < 0) {
            return;
        }
        String replacement = b.substring(pos + 1, end) + "e";
        pause(1_000 + r.nextInt(2_000));
        add(SessionEvent.input(t, field, pos + 1, end - pos - 1, replacement));
        b.replace(pos + 1, end, replacement);
    }

    void paste(String field, String text, PasteSource source) {
        flushKeys();
        StringBuilder b = fields.computeIfAbsent(field, f -> new StringBuilder());
        add(SessionEvent.paste(t, field, b.length(), text, source));
        b.append(text);
    }

    /** A script setting text with {@code input} events of {@code chunk} characters, {@code msApart}, and no keystroke. */
    void inject(String field, String text, int chunk, long msApart) {
        StringBuilder b = fields.computeIfAbsent(field, f -> new StringBuilder());
        for (int i = 0; i < text.length(); i += chunk) {
            String part = text.substring(i, Math.min(text.length(), i + chunk));
            add(SessionEvent.input(t, field, b.length(), 0, part));
            b.append(part);
            pause(msApart);
        }
    }

    /** A script faking keystrokes: one character an input, intervals {@code medianMs} ± {@code jitter} (uniform). */
    void scriptKeys(String field, String text, double medianMs, double jitter) {
        StringBuilder b = fields.computeIfAbsent(field, f -> new StringBuilder());
        for (int i = 0; i < text.length(); i++) {
            long gap = Math.round(medianMs * (1 - jitter + 2 * jitter * r.nextDouble()));
            recordKey(field, gap);
            String c = String.valueOf(text.charAt(i));
            add(SessionEvent.input(t, field, b.length(), 0, c));
            b.append(c);
        }
        flushKeys();
    }

    private void keystroke(String field, Typist typist) {
        recordKey(field, typist.interval(r));
    }

    private void recordKey(String field, long gap) {
        if (!field.equals(keyField)) {
            flushKeys();
            keyField = field;
        }
        pause(gap);
        if (lastKey >= 0 && keyCount > 0) {
            keyIntervals.add((int) Math.min(60_000, t - lastKey));
        }
        keyCount++;
        lastKey = t;
        if (keyCount >= KEYS_PER_EVENT) {
            flushKeys();
        }
    }

    private void flushKeys() {
        if (keyCount > 0) {
            add(SessionEvent.key(t, keyField, keyCount, List.copyOf(keyIntervals)));
        }
        keyCount = 0;
        keyIntervals.clear();
        lastKey = -1;
    }

    private void add(SessionEvent e) {
        events.add(e);
    }

    void submit() {
        flushKeys();
        pause(500 + r.nextInt(2_000));
        add(SessionEvent.bare(t, EventType.SUBMIT));
    }

    SessionEvidence evidence(UUID expertId, List<PeerSession> sharers, List<PeerText> peers) {
        flushKeys();
        List<TimedEvent> timed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            SessionEvent e = events.get(i);
            timed.add(new TimedEvent(i / 50, OPENED.plusMillis(e.t()), e.t(), e));
        }
        Map<String, String> finals = new LinkedHashMap<>();
        fields.forEach((f, b) -> finals.put(f, b.toString()));
        return new SessionEvidence(UUID.randomUUID(), expertId, SessionKind.CLAIM, t + 1_000, timed, item.texts(), finals,
                "device-" + expertId, "10.0.0." + r.nextInt(250), sharers, peers, null, List.of());
    }
}
