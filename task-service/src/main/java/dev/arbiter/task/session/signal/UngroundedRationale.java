package dev.arbiter.task.session.signal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ungrounded_rationale} (identity and content): written text that does not refer to what it
 * judges. Experts who read the responses write about them: the terms, figures and phrases they found
 * right or wrong ("B gives 500 mg every 4 hours", "A's renal adjustment"); someone who did not read can
 * only write generic praise and blame, which fits any item. The measure: the share of the written text's
 * content words (words of three or more characters, or with a digit, that are neither English function
 * words nor the vocabulary every rationale uses whatever the item, like "response", "clearer", "accurate")
 * that stand next to another content word, the two of them also next to each other (function words aside)
 * in a response or the prompt. Pairs rather than single words, because a long response contains most
 * everyday words by chance, but rarely the same two in a row.
 *
 * <p>All submitted fields are taken together; texts with fewer than {@code groundedMinWords} content words
 * are not judged ("A is correct." says too little either way). Fires when the share is at most
 * {@code groundedMinShare}. Linear: the text's pairs are hashed, and one pass over the responses looks
 * only those up.
 */
public final class UngroundedRationale {

    public static final String NAME = "ungrounded_rationale";

    /** English function words and the words any rationale uses whatever it is about. */
    static final Set<String> STOP = Set.of(
            "the", "of", "and", "to", "in", "is", "that", "it", "for", "as", "with", "on", "by", "this", "be", "are",
            "not", "or", "at", "from", "but", "an", "which", "was", "were", "have", "has", "had", "more", "most", "than",
            "its", "their", "there", "they", "them", "can", "could", "will", "would", "should", "may", "might", "if",
            "all", "also", "one", "two", "so", "when", "only", "into", "about", "what", "who", "how", "why", "where",
            "does", "did", "do", "been", "being", "these", "those", "such", "some", "any", "each", "other", "very",
            "just", "because", "since", "while", "both", "neither", "either", "nor", "you", "your", "our", "we", "his",
            "her", "him", "she", "he", "my", "me", "too", "then", "here", "out", "over", "under", "again", "same", "own",
            "much", "many", "less", "well", "even", "though", "still", "yet", "whereas", "however", "overall", "thus",
            "response", "responses", "answer", "answers", "better", "worse", "best", "worst", "prefer", "preferred",
            "clear", "clearer", "unclear", "accurate", "accuracy", "inaccurate", "correct", "correctly", "incorrect",
            "wrong", "right", "helpful", "helpfulness", "unhelpful", "good", "bad", "great", "poor", "error", "errors",
            "mistake", "mistakes", "says", "say", "said", "states", "mentions", "mention", "misses", "missing", "covers",
            "cover", "gets", "makes", "make", "gives", "give", "provides", "provide", "explains", "explanation", "key",
            "difference", "point", "points", "detail", "details", "detailed", "thorough", "complete", "incomplete",
            "vague", "concise", "relevant", "irrelevant", "question", "user", "prompt", "instead", "note");

    private UngroundedRationale() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        List<String> content = new ArrayList<>();
        Map<String, String> texts = FinalTexts.of(evidence);
        List<String> fields = new ArrayList<>();
        List<int[]> spans = new ArrayList<>(); // each field's content words: [from, to) in content
        for (Map.Entry<String, String> text : texts.entrySet()) {
            int from = content.size();
            content.addAll(contentWords(text.getValue()));
            fields.add(text.getKey());
            spans.add(new int[] {from, content.size()});
            content.add(null); // no pair across fields
        }
        int words = 0;
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) != null) {
                words++;
                if (i + 1 < content.size() && content.get(i + 1) != null) {
                    pairs.add(pair(content.get(i), content.get(i + 1)));
                }
            }
        }
        if (words < thresholds.groundedMinWords()) {
            return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, 1, thresholds.groundedMinShare(), Signal.Direction.AT_MOST,
                    false, words + " content words written, too few to judge", List.of());
        }
        Set<Long> found = new HashSet<>();
        if (evidence.responses() != null) {
            for (String r : evidence.responses().values()) {
                long[] previous = {NONE};
                eachContentHash(r, h -> {
                    if (previous[0] != NONE) {
                        long p = pair((int) previous[0], h);
                        if (pairs.contains(p)) {
                            found.add(p);
                        }
                    }
                    previous[0] = h;
                });
            }
        }
        int grounded = 0;
        EvidenceList points = new EvidenceList();
        for (int f = 0; f < fields.size(); f++) {
            int inField = 0;
            for (int i = spans.get(f)[0]; i < spans.get(f)[1]; i++) {
                String w = content.get(i);
                boolean before = i > 0 && content.get(i - 1) != null && found.contains(pair(content.get(i - 1), w));
                boolean after = content.get(i + 1) != null && found.contains(pair(w, content.get(i + 1)));
                if (before || after) {
                    inField++;
                }
            }
            grounded += inField;
            int of = spans.get(f)[1] - spans.get(f)[0];
            if (of > 0) {
                points.add(new Signal.Evidence(null, null, fields.get(f), null,
                        String.format("%d of %d content words refer to the responses", inField, of)));
            }
        }
        double share = (double) grounded / words;
        boolean fired = share <= thresholds.groundedMinShare();
        String summary = String.format("%d of %d content words written refer to the responses (%.0f%%): %d word pairs also found there",
                grounded, words, share * 100, found.size());
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, share, thresholds.groundedMinShare(), Signal.Direction.AT_MOST,
                fired, summary, fired ? points.list() : List.of());
    }

    static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        eachContentWord(text, out::add);
        return out;
    }

    /** The text's content words, lower-cased, in order. */
    static void eachContentWord(String text, java.util.function.Consumer<String> sink) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int i = 0;
        StringBuilder word = new StringBuilder(16);
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            word.setLength(0);
            boolean digit = false;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                char c = text.charAt(i++);
                digit |= Character.isDigit(c);
                word.append(Character.toLowerCase(c));
            }
            if (word.length() >= 3 || digit && word.length() > 0) {
                String w = word.toString();
                if (!STOP.contains(w)) {
                    sink.accept(w);
                }
            }
        }
    }

    private static final long NONE = Long.MIN_VALUE;
    static final Set<Integer> STOP_HASHES = new HashSet<>();

    static {
        STOP.forEach(w -> STOP_HASHES.add(w.hashCode()));
    }

    /**
     * The content words of a long text (a response) as their lower-cased {@code String.hashCode()}s, without
     * allocating per word: the responses can be 20,000 words and every session is evaluated.
     */
    static void eachContentHash(String text, java.util.function.IntConsumer sink) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            int h = 0;
            boolean digit = false;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                char c = text.charAt(i++);
                digit |= Character.isDigit(c);
                h = 31 * h + Character.toLowerCase(c);
            }
            int length = i - start;
            if ((length >= 3 || digit && length > 0) && !STOP_HASHES.contains(h)) {
                sink.accept(h);
            }
        }
    }

    static long pair(String a, String b) {
        return pair(a.hashCode(), b.hashCode());
    }

    static long pair(int a, int b) {
        return ((long) a << 32) ^ (b & 0xFFFFFFFFL);
    }
}
