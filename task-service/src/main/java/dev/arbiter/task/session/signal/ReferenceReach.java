package dev.arbiter.task.session.signal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How deep into the responses a session's written text refers: of the passages it names (three content words in
 * a row that also stand in a row in a response, function words aside, as {@link UngroundedRationale} counts
 * words), the one lying deepest, counted in words from the top of its response. Three words, where
 * {@code ungrounded_rationale} takes two: only the deepest passage counts here, and in a response of 20,000
 * words two everyday words stand side by side somewhere by chance often enough to make a text that names
 * nothing look as if it reached the bottom; three in a row almost never do. Each passage counts where it <em>first</em> occurs: a term that
 * also stands on a response's first screen could have come from a glance at it, wherever else it recurs. The
 * prompt is always on screen, so a passage that occurs in it is not counted as being anywhere in a response.
 *
 * <p>Not a signal on its own: one text may well name only what stands near the top (a short rationale, an
 * answer decided in the first paragraph). The finaliser stores it with the session
 * ({@code work_session.reference_reach_words}, with the longest response's length), and {@link ReferenceRecord}
 * looks at it across the expert's run. Only what the text and the responses hold is used: no event, so a client
 * cannot move it. One pass over the responses, looking up the text's passages only.
 *
 * @see ReferenceRecord
 */
public final class ReferenceReach {

    private ReferenceReach() {
    }

    /**
     * @param reachWords           where the deepest passage the text refers to first occurs, in words from the top
     *                             of its response (0 when the text refers to no passage of a response)
     * @param label                that response's label, or null
     * @param labelWords           that response's length in words (0 when none)
     * @param passages             how many distinct passages of the responses (and prompt) the text refers to
     * @param longestResponseWords the longest response's length in words: how deep a reference could have reached
     */
    public record Reach(int reachWords, String label, int labelWords, int passages, int longestResponseWords) {

        static final Reach NONE = new Reach(0, null, 0, 0, 0);
    }

    public static Reach measure(SessionEvidence evidence) {
        LongSet triples = textTriples(FinalTexts.of(evidence));
        Map<String, String> responses = evidence.responses() == null ? Map.of() : evidence.responses();
        int longest = 0;
        for (Map.Entry<String, String> r : responses.entrySet()) {
            if (!r.getKey().equals(ReadingTime.PROMPT)) {
                longest = Math.max(longest, ReadingTime.words(r.getValue()));
            }
        }
        if (triples.isEmpty()) {
            return new Reach(0, null, 0, 0, longest);
        }
        // where each passage first occurs: 0 in the prompt, else its word in the response where it comes first
        Map<Long, Integer> first = new HashMap<>();
        Map<Long, String> where = new HashMap<>();
        String prompt = responses.get(ReadingTime.PROMPT);
        if (prompt != null) {
            eachTriple(prompt, triples, (p, word) -> first.put(p, 0));
        }
        for (Map.Entry<String, String> r : responses.entrySet()) {
            if (r.getKey().equals(ReadingTime.PROMPT)) {
                continue;
            }
            Set<Long> seenHere = new HashSet<>();
            eachTriple(r.getValue(), triples, (p, word) -> {
                if (seenHere.add(p)) {
                    Integer before = first.get(p);
                    if (before == null || word < before) {
                        first.put(p, word);
                        where.put(p, r.getKey());
                    }
                }
            });
        }
        int reach = 0;
        String label = null;
        for (Map.Entry<Long, Integer> f : first.entrySet()) {
            if (f.getValue() > reach) {
                reach = f.getValue();
                label = where.get(f.getKey());
            }
        }
        int labelWords = label == null ? 0 : ReadingTime.words(responses.get(label));
        return new Reach(reach, label, labelWords, first.size(), longest);
    }

    /** The runs of three adjacent content words of each text (none across two fields). */
    private static LongSet textTriples(Map<String, String> texts) {
        List<Long> all = new ArrayList<>();
        for (String text : texts.values()) {
            List<String> words = UngroundedRationale.contentWords(text);
            for (int i = 0; i + 2 < words.size(); i++) {
                all.add(triple(words.get(i).hashCode(), words.get(i + 1).hashCode(), words.get(i + 2).hashCode()));
            }
        }
        return new LongSet(all);
    }

    /**
     * The text's passages, looked up once per content word of the responses (up to 40,000 a session): open
     * addressing over a {@code long[]}, so that a look-up allocates nothing.
     */
    static final class LongSet {
        private final long[] slots;
        private final boolean[] used;
        private final int mask;
        private final int size;

        LongSet(List<Long> values) {
            int capacity = Integer.highestOneBit(Math.max(4, values.size() * 4) - 1) << 1;
            slots = new long[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
            int n = 0;
            for (long v : values) {
                int i = index(v);
                while (used[i] && slots[i] != v) {
                    i = (i + 1) & mask;
                }
                if (!used[i]) {
                    used[i] = true;
                    slots[i] = v;
                    n++;
                }
            }
            size = n;
        }

        boolean contains(long v) {
            int i = index(v);
            while (used[i]) {
                if (slots[i] == v) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        boolean isEmpty() {
            return size == 0;
        }

        private int index(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }

    static long triple(int a, int b, int c) {
        return UngroundedRationale.pair(a * 0x9E3779B1 ^ b, c);
    }

    private interface PassageSink {
        void accept(long triple, int word);
    }

    /**
     * Each run of three adjacent content words of {@code text} that is in {@code wanted}, with the index of the
     * (whitespace-separated) word its first stands in. Hashes in place, as {@link UngroundedRationale} does.
     */
    private static void eachTriple(String text, LongSet wanted, PassageSink sink) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int word = -1;
        boolean inToken = false;
        int first = 0;
        int second = 0;
        int firstWord = -1;
        int secondWord = -1;
        int held = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                inToken = false;
                i++;
                continue;
            }
            if (!inToken) {
                inToken = true;
                word++;
            }
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            int h = 0;
            boolean digit = false;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                char d = text.charAt(i++);
                digit |= Character.isDigit(d);
                h = 31 * h + Character.toLowerCase(d);
            }
            int length = i - start;
            if ((length >= 3 || digit) && !UngroundedRationale.STOP_HASHES.contains(h)) {
                if (held == 2) {
                    long p = triple(first, second, h);
                    if (wanted.contains(p)) {
                        sink.accept(p, firstWord);
                    }
                }
                first = second;
                firstWord = secondWord;
                second = h;
                secondWord = word;
                held = Math.min(2, held + 1);
            }
        }
    }
}
