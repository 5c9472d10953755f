package dev.arbiter.task.session.signal.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up language for the cohorts: a vocabulary of pronounceable words drawn with a Zipf-like skew, so
 * that independent texts share common words (and the stock phrases experts open with) as real ones do,
 * but not whole passages. As in English, the most frequent words are function words (the, of, and…):
 * about half of all running words, and the same English ones, so that a signal that sets function words
 * aside treats this language as it would English.
 */
final class SyntheticText {

    private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "st", "pr", "tr"};
    private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
    private static final String[] CODAS = {"", "", "n", "r", "s", "t", "l", "m"};

    /** How honest experts open a sentence of a rationale. */
    static final List<String> EXPERT_OPENERS = List.of("Response A is better because", "B makes an error where it says",
            "Both responses cover", "I prefer A since", "The key difference is that", "A misses", "B is clearer about",
            "Neither response mentions", "A gets right that", "The dose in B is");
    /** How a model's rationale sounds. */
    static final List<String> MODEL_OPENERS = List.of("Response A provides a more comprehensive and accurate account of",
            "While both responses address the question, Response B", "Overall, Response A demonstrates a clearer understanding of",
            "In terms of helpfulness, Response B offers", "It is worth noting that Response A correctly identifies");

    /** The most frequent words, in rank order: English function words, as in any English text. */
    private static final List<String> FUNCTION_WORDS = List.of("the", "of", "and", "to", "in", "is", "that", "it", "for",
            "as", "with", "on", "by", "this", "be", "are", "not", "or", "at", "from", "but", "an", "which", "was", "have",
            "has", "more", "than", "its", "their", "can", "will", "if", "all", "also", "one", "they", "so", "when", "only");

    private final List<String> vocabulary;

    SyntheticText(long seed, int size) {
        Random r = new Random(seed);
        vocabulary = new ArrayList<>(size);
        vocabulary.addAll(FUNCTION_WORDS);
        for (int i = FUNCTION_WORDS.size(); i < size; i++) {
            StringBuilder w = new StringBuilder();
            int syllables = 1 + r.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[r.nextInt(ONSETS.length)]).append(NUCLEI[r.nextInt(NUCLEI.length)])
                        .append(CODAS[r.nextInt(CODAS.length)]);
            }
            vocabulary.add(w.toString());
        }
    }

    /** A word, the frequent ones far more often (rank drawn from a log-uniform distribution). */
    String word(Random r) {
        int rank = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(vocabulary.size()))) - 1;
        return vocabulary.get(Math.max(0, Math.min(rank, vocabulary.size() - 1)));
    }

    /** Prose of about {@code words} words in sentences of 8–20. */
    String prose(Random r, int words) {
        StringBuilder b = new StringBuilder(words * 7);
        int inSentence = 0;
        int sentence = 8 + r.nextInt(13);
        for (int i = 0; i < words; i++) {
            String w = word(r);
            if (inSentence == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            b.append(w);
            inSentence++;
            if (inSentence == sentence || i == words - 1) {
                b.append(". ");
                inSentence = 0;
                sentence = 8 + r.nextInt(13);
            } else {
                b.append(' ');
            }
        }
        return b.toString().trim();
    }

    /**
     * A rationale of about {@code chars} characters: sentences that open with one of {@code openers} and go on
     * with words of the vocabulary and, with chance {@code references} per sentence (and again, at half that
     * chance), a phrase taken from {@code source} with two to four words in it that are not function words:
     * the terms, figures and wording of the responses that a rationale refers to ("B gives 500 mg every four
     * hours", "the renal dose").
     */
    String rationale(Random r, int chars, List<String> openers, String source, double references) {
        String[] sourceWords = source.split("\\s+");
        StringBuilder b = new StringBuilder(chars + 80);
        while (b.length() < chars) {
            b.append(openers.get(r.nextInt(openers.size())));
            int n = 6 + r.nextInt(12);
            int phrases = r.nextDouble() < references ? (r.nextDouble() < references / 2 ? 2 : 1) : 0;
            int[] at = {r.nextInt(n), r.nextInt(n)};
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < phrases; p++) {
                    if (at[p] == i) { // a term or figure of the passage: two to four of its words that are not function words
                        int terms = 2 + r.nextInt(3);
                        int k = r.nextInt(Math.max(1, sourceWords.length - 12));
                        for (int found = 0; found < terms && k < sourceWords.length; k++) {
                            String w = clean(sourceWords[k]);
                            b.append(' ').append(w);
                            found += FUNCTION_WORDS.contains(w.toLowerCase()) ? 0 : 1;
                        }
                    }
                }
                b.append(' ').append(word(r));
            }
            b.append(". ");
        }
        return b.toString().trim();
    }

    /**
     * A phrase of {@code source} with two to four words that are not function words (a term or figure of it),
     * as {@link #rationale} inserts one.
     */
    String reference(Random r, String source) {
        String[] sourceWords = source.split("\\s+");
        StringBuilder b = new StringBuilder();
        int terms = 2 + r.nextInt(3);
        int k = r.nextInt(Math.max(1, sourceWords.length - 12));
        for (int found = 0; found < terms && k < sourceWords.length; k++) {
            String w = clean(sourceWords[k]);
            b.append(b.length() == 0 ? "" : " ").append(w);
            found += FUNCTION_WORDS.contains(w.toLowerCase()) ? 0 : 1;
        }
        return b.toString();
    }

    private static String clean(String word) {
        return word.replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
