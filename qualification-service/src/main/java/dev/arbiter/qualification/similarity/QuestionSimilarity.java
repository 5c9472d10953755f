package dev.arbiter.qualification.similarity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Near-duplicate detection for question prompts. Two signals over normalised content words (stop
 * words dropped, a light suffix stemmer, so that word order and inflection do not matter):
 * the Dice overlap of the word sets and the cosine of character 3-gram counts of the sorted words
 * (robust to spelling variants such as "acetaminophen"/"acetominophen"). A paraphrase keeps most
 * content words, a different question changes the ones that matter. Questions whose numbers differ
 * are never duplicates: "17 × 23" and "17 × 24" are different questions.
 */
public final class QuestionSimilarity {

    /** Default score at or above which two prompts are near-duplicates. */
    public static final double DEFAULT_THRESHOLD = 0.72;

    private static final double SUBSTITUTION_CAP = 0.5;
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "is", "are", "was",
            "were", "be", "been", "being", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
            "do", "does", "did", "that", "this", "these", "those", "it", "its", "as", "from", "into", "than",
            "then", "there", "their", "can", "could", "would", "should", "will", "shall", "may", "might", "must",
            "has", "have", "had", "not", "no", "if", "so", "such", "any", "some", "one", "used", "use", "using",
            "called", "known", "name", "named", "give", "tell", "me", "please", "typically", "usually", "most",
            "commonly", "common", "i", "you", "we", "they", "he", "she", "about", "under", "per");

    /** A prompt reduced to what the comparison needs; compute once per prompt. */
    public record Fingerprint(Set<String> words, Set<String> numbers, Map<String, Integer> trigrams, double norm) {

        /**
         * The content words, sorted, as one ASCII string for trigram lookups in the database (pg_trgm reads
         * only letters and digits of the database's locale, so accents are dropped and any other non-ASCII
         * character is spelled as {@code u<code point>}). Only narrows the candidates: the verdict is
         * {@link #similarity}'s.
         */
        public String lookupKey() {
            StringBuilder key = new StringBuilder();
            for (String word : words) {
                if (key.length() > 0) {
                    key.append(' ');
                }
                String folded = Normalizer.normalize(word, Normalizer.Form.NFKD);
                for (int i = 0; i < folded.length(); ) {
                    int cp = folded.codePointAt(i);
                    i += Character.charCount(cp);
                    if (cp < 128) {
                        key.append((char) cp);
                    } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                        key.append('u').append(Integer.toString(cp, 36));
                    }
                }
            }
            return key.toString();
        }

        /** The numbers, sorted: prompts whose numbers differ are never duplicates. */
        public String numberKey() {
            return String.join(" ", numbers);
        }
    }

    private QuestionSimilarity() {
    }

    public static Fingerprint fingerprint(String prompt) {
        String text = Normalizer.normalize(prompt == null ? "" : prompt, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> numbers = new TreeSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group().replace(",", ""));
        }
        Set<String> words = new TreeSet<>();
        for (String token : NON_WORD.split(text)) {
            if (!token.isEmpty() && !STOP_WORDS.contains(token) && !NUMBER.matcher(token).matches()) {
                words.add(stem(token));
            }
        }
        Map<String, Integer> trigrams = new HashMap<>();
        String joined = " " + String.join(" ", words) + " ";
        for (int i = 0; i + 3 <= joined.length(); i++) {
            trigrams.merge(joined.substring(i, i + 3), 1, Integer::sum);
        }
        double norm = Math.sqrt(trigrams.values().stream().mapToDouble(c -> (double) c * c).sum());
        return new Fingerprint(words, numbers, trigrams, norm);
    }

    /** Similarity in [0, 1]. */
    public static double similarity(Fingerprint a, Fingerprint b) {
        if (!a.numbers().equals(b.numbers())) {
            return 0;
        }
        if (a.words().isEmpty() || b.words().isEmpty()) {
            return a.words().equals(b.words()) ? 1 : 0;
        }
        double score = Math.max(dice(a.words(), b.words()), cosine(a, b));
        // A word swapped for a different one on both sides ("phantom reads" / "dirty reads") changes the
        // question even when most words are shared; a spelling variant or an added word does not.
        return substitutes(a.words(), b.words()) ? Math.min(score, SUBSTITUTION_CAP) : score;
    }

    private static boolean substitutes(Set<String> a, Set<String> b) {
        return hasUnmatched(a, b) && hasUnmatched(b, a);
    }

    private static boolean hasUnmatched(Set<String> from, Set<String> in) {
        for (String w : from) {
            if (!in.contains(w) && in.stream().noneMatch(v -> spellingVariants(w, v))) {
                return true;
            }
        }
        return false;
    }

    static boolean spellingVariants(String w, String v) {
        if (w.length() >= 5 && v.length() >= 5 && (w.startsWith(v) || v.startsWith(w))) {
            return true;
        }
        Set<String> tw = wordTrigrams(w);
        Set<String> tv = wordTrigrams(v);
        if (tw.isEmpty() || tv.isEmpty()) {
            return false;
        }
        return dice(tw, tv) >= 0.5;
    }

    private static Set<String> wordTrigrams(String w) {
        Set<String> grams = new TreeSet<>();
        String padded = " " + w + " ";
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    public static double similarity(String a, String b) {
        return similarity(fingerprint(a), fingerprint(b));
    }

    static String stem(String word) {
        if (word.length() <= 4) {
            return word;
        }
        for (String suffix : List.of("ations", "ation", "ingly", "ings", "ing", "edly", "ies", "ied", "es", "ed", "ly", "s")) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                String base = word.substring(0, word.length() - suffix.length());
                return suffix.equals("ies") || suffix.equals("ied") ? base + "y" : base;
            }
        }
        return word;
    }

    private static double dice(Set<String> a, Set<String> b) {
        List<String> common = new ArrayList<>(a);
        common.retainAll(b);
        return 2.0 * common.size() / (a.size() + b.size());
    }

    private static double cosine(Fingerprint a, Fingerprint b) {
        if (a.norm() == 0 || b.norm() == 0) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Integer> e : a.trigrams().entrySet()) {
            Integer other = b.trigrams().get(e.getKey());
            if (other != null) {
                dot += (double) e.getValue() * other;
            }
        }
        return dot / (a.norm() * b.norm());
    }
}
