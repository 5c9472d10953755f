package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.model.EventType;
import dev.arbiter.task.session.model.SessionEvent;
import dev.arbiter.task.session.model.TimedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reading_time} (attention): the reading time the session shows against what the responses'
 * length needs at a generous fast-reader rate ({@code readingWordsPerMinute}, 1,000 by default, about
 * three times an ordinary reader); fires when it is at most {@code readingMinShare} of that.
 *
 * <p>Reading time is credited from the {@code view} events: while the page has focus and is not idle,
 * each response's part on screen earns the time it stayed there, but never more than the fast rate needs
 * for the words in that part, however long it stays (until it is scrolled away). So a screen left open
 * while writing counts once, not for as long as the writing took, and scrolling through a response
 * faster than anyone reads earns only the time it took; scrolling back to a passage earns it again
 * (re-reading is reading). Nor does typing earn it: a stretch
 * between two edits less than {@link #TYPING_GAP_MILLIS} apart is writing, not reading, while a pause in
 * the writing is (people look back at the responses as they write). The prompt is not counted: it is
 * short and always on screen. A session without any {@code view} event (an older workbench) is credited
 * the time with focus before the first text was written. Responses with fewer than
 * {@code readingMinWords} words in all are not judged.
 */
public final class ReadingTime {

    public static final String NAME = "reading_time";
    /** The key of {@link SessionEvidence#responses()} that holds the prompt rather than a response. */
    public static final String PROMPT = "prompt";
    /** Edits closer than this are one run of typing, during which nothing is read. */
    static final long TYPING_GAP_MILLIS = 2_000;

    private ReadingTime() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        return compute(measure(evidence, thresholds), evidence, thresholds);
    }

    /**
     * What the session's reading adds up to: the words to read in all and in the shortest response, the
     * reading time credited in all and before the first text was written (by the same rules).
     */
    record Measure(long totalWords, long shortestWords, double credited, double creditedBeforeText, boolean anyView,
                   long firstText, Map<String, Screen> screens) {

        /**
         * How well the best-read response was read before the first text was written: the reading credited to it
         * by then over what its words need at {@code readingWordsPerMinute} (1 = read at that rate or slower, more
         * when scrolled back over). NaN when not judged: responses too short for {@code reading_time}, nothing
         * written, or no {@code view} event to say which response was on screen.
         */
        double firstRead(SignalThresholds thresholds) {
            if (totalWords < thresholds.readingMinWords() || firstText < 0 || !anyView) {
                return Double.NaN;
            }
            double msPerWord = 60_000 / thresholds.readingWordsPerMinute();
            double best = 0;
            for (Screen s : screens.values()) {
                if (s.words > 0) {
                    best = Math.max(best, s.creditedBeforeText / (s.words * msPerWord));
                }
            }
            return best;
        }
    }

    static Measure measure(SessionEvidence evidence, SignalThresholds thresholds) {
        Map<String, Screen> screens = new LinkedHashMap<>();
        long totalWords = 0;
        if (evidence.responses() != null) {
            for (Map.Entry<String, String> r : evidence.responses().entrySet()) {
                if (!r.getKey().equals(PROMPT)) {
                    int words = words(r.getValue());
                    screens.put(r.getKey(), new Screen(words));
                    totalWords += words;
                }
            }
        }
        long shortest = screens.values().stream().mapToLong(s -> s.words).min().orElse(0);
        double msPerWord = 60_000 / thresholds.readingWordsPerMinute();
        double credited = 0;
        double creditedBeforeText = 0;
        boolean focused = true;
        boolean idle = false;
        boolean anyView = false;
        long firstText = -1;
        long focusedBeforeText = 0;
        long focusSince = 0;
        long lastEdit = -1;
        for (TimedEvent timed : evidence.events()) {
            SessionEvent e = timed.event();
            long t = timed.t();
            boolean wasActive = focused && !idle;
            switch (e.type()) {
                case VIEW -> {
                    Screen s = screens.get(e.label());
                    if (s != null && e.from() != null && e.to() != null) {
                        anyView = true;
                        credited += s.credit(t, msPerWord);
                        s.show(t, e.from(), e.to(), wasActive);
                        if (s.firstView == null) {
                            s.firstView = timed;
                        }
                    }
                }
                case BLUR, IDLE -> {
                    if (wasActive) {
                        for (Screen s : screens.values()) {
                            credited += s.credit(t, msPerWord);
                            s.pause();
                        }
                        if (firstText < 0) {
                            focusedBeforeText += t - focusSince;
                        }
                    }
                    if (e.type() == EventType.BLUR) {
                        focused = false;
                    } else {
                        idle = true;
                    }
                }
                case FOCUS, ACTIVE -> {
                    if (e.type() == EventType.FOCUS) {
                        focused = true;
                    } else {
                        idle = false;
                    }
                    if (!wasActive && focused && !idle) {
                        screens.values().forEach(s -> s.resume(t));
                        focusSince = t;
                    }
                }
                case INPUT, PASTE -> {
                    if (wasActive && lastEdit >= 0 && t - lastEdit < TYPING_GAP_MILLIS) {
                        for (Screen s : screens.values()) {
                            credited += s.credit(lastEdit, msPerWord);
                            s.skipTo(t);
                        }
                    }
                    lastEdit = t;
                    if (firstText < 0) {
                        for (Screen s : screens.values()) {
                            credited += s.credit(t, msPerWord);
                        }
                        creditedBeforeText = credited;
                        screens.values().forEach(Screen::markFirstText);
                        firstText = t;
                        if (wasActive) {
                            focusedBeforeText += t - focusSince;
                        }
                    }
                }
                default -> {
                }
            }
        }
        long end = Math.max(evidence.wallMillis(), 0);
        for (Screen s : screens.values()) {
            credited += s.credit(Math.max(end, s.since), msPerWord);
        }
        if (firstText < 0) {
            creditedBeforeText = credited;
            screens.values().forEach(Screen::markFirstText);
        }
        if (!anyView) {
            credited = firstText < 0 ? 0 : focusedBeforeText;
            creditedBeforeText = credited;
        }
        return new Measure(totalWords, shortest, credited, creditedBeforeText, anyView, firstText, screens);
    }

    static Signal compute(Measure m, SessionEvidence evidence, SignalThresholds thresholds) {
        long totalWords = m.totalWords();
        double msPerWord = 60_000 / thresholds.readingWordsPerMinute();
        double needed = totalWords * msPerWord;
        if (totalWords < thresholds.readingMinWords()) {
            return new Signal(NAME, SignalFamily.ATTENTION, 1, thresholds.readingMinShare(), Signal.Direction.AT_MOST, false,
                    totalWords + " words to read, too few to judge", List.of());
        }
        double credited = m.credited();
        boolean anyView = m.anyView();
        EvidenceList points = new EvidenceList();
        double share = needed == 0 ? 1 : credited / needed;
        boolean fired = share <= thresholds.readingMinShare();
        if (fired) {
            pointAt(m.screens(), m.firstText(), evidence, points, msPerWord);
        }
        String summary = String.format("%.0f s of reading %s, %.0f%% of the %.0f s that %d words need at %.0f words a minute",
                credited / 1000, anyView ? "with the responses on screen" : "before the first text was written",
                share * 100, needed / 1000, totalWords, thresholds.readingWordsPerMinute());
        return new Signal(NAME, SignalFamily.ATTENTION, share, thresholds.readingMinShare(), Signal.Direction.AT_MOST, fired,
                summary, points.list());
    }

    private static void pointAt(Map<String, Screen> screens, long firstText, SessionEvidence evidence, EvidenceList points,
                                double msPerWord) {
        for (Map.Entry<String, Screen> s : screens.entrySet()) {
            Screen screen = s.getValue();
            if (screen.firstView != null) {
                points.event(screen.firstView, String.format("response %s: %.0f s credited of the %.0f s its %d words need",
                        s.getKey(), screen.credited / 1000, screen.words * msPerWord / 1000, screen.words));
            }
        }
        if (points.list().isEmpty() && firstText >= 0) {
            for (TimedEvent t : evidence.events()) {
                if (t.t() == firstText && (t.type() == EventType.INPUT || t.type() == EventType.PASTE)) {
                    points.event(t, "the first text, " + firstText / 1000 + " s after opening");
                    break;
                }
            }
        }
    }

    static int words(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** One response's part on screen and since when it is earning reading time ({@code since} < 0: paused). */
    static final class Screen {
        final int words;
        double from;
        double to;
        boolean shown;
        long since = -1;
        double credited;
        /** what the part now on screen has earned since it was scrolled to */
        double earned;
        /** what this response had earned when the first text was written (all of it when nothing was) */
        double creditedBeforeText;
        TimedEvent firstView;

        Screen(int words) {
            this.words = words;
        }

        double credit(long until, double msPerWord) {
            if (!shown || since < 0 || until <= since) {
                if (since >= 0) {
                    since = Math.max(since, until);
                }
                return 0;
            }
            double cap = words * Math.max(0, Math.min(1, to) - Math.max(0, from)) * msPerWord;
            double c = Math.min(until - since, Math.max(0, cap - earned));
            earned += c;
            since = until;
            credited += c;
            return c;
        }

        void show(long t, double from, double to, boolean active) {
            this.from = from;
            this.to = to;
            this.shown = true;
            this.earned = 0;
            this.since = active ? t : -1;
        }

        /** Nothing from {@code since} to {@code t} is reading. */
        void skipTo(long t) {
            if (since >= 0) {
                since = Math.max(since, t);
            }
        }

        void markFirstText() {
            creditedBeforeText = credited;
        }

        void pause() {
            since = -1;
        }

        void resume(long t) {
            since = t;
        }
    }
}
