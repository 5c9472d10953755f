package dev.arbiter.simulator.judge;

import dev.arbiter.simulator.knowledge.QuestionText;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades a free-form candidate answer against the reference, the way the simulated judge
 * model does. Rules, in order:
 * <ol>
 *   <li>blank candidate: incorrect, confidence 0.99;</li>
 *   <li>candidate contains the reference's words in sequence: correct, 0.95 — unless a negation
 *       ("not", "no", "never", …) comes just before it, which is ambiguous (incorrect, 0.5);</li>
 *   <li>Jaccard overlap of content words (stop words dropped) ≥ {@value #CORRECT_OVERLAP}:
 *       correct, confidence 0.90–0.99;</li>
 *   <li>overlap in [{@value #AMBIGUOUS_OVERLAP}, {@value #CORRECT_OVERLAP}): ambiguous —
 *       incorrect with confidence 0.5, which sends it to human review;</li>
 *   <li>less: incorrect, confidence 0.90–0.99.</li>
 * </ol>
 */
public final class AnswerJudge {

    public static final double CORRECT_OVERLAP = 0.6;
    public static final double AMBIGUOUS_OVERLAP = 0.35;
    public static final double AMBIGUOUS_CONFIDENCE = 0.5;

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "isn't", "aren't", "wasn't",
            "doesn't", "don't", "didn't", "cannot", "can't", "won't", "neither", "nor");
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "is", "are", "was", "were", "be",
            "been", "being", "am", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "and", "or",
            "it", "its", "it's", "this", "that", "these", "those", "there", "their", "they", "them", "which",
            "who", "whom", "what", "when", "where", "how", "why", "i", "we", "you", "he", "she", "his", "her",
            "our", "your", "my", "me", "so", "than", "then", "also", "because", "do", "does", "did", "has",
            "have", "had", "will", "would", "should", "could", "can", "may", "might", "must", "shall",
            "answer", "believe", "think", "probably", "likely", "about", "into", "over", "under",
            "up", "out", "if", "but", "very", "just", "only", "all", "any", "some", "such", "each");

    private AnswerJudge() {
    }

    public static JudgeVerdict grade(String reference, String candidate) {
        List<String> candidateTokens = canonical(QuestionText.tokens(candidate));
        List<String> referenceTokens = canonical(QuestionText.tokens(reference));
        if (candidateTokens.isEmpty()) {
            return new JudgeVerdict(false, 0.99, "The candidate answer is empty.");
        }
        if (referenceTokens.isEmpty()) {
            return new JudgeVerdict(false, AMBIGUOUS_CONFIDENCE, "The reference answer has no words to compare.");
        }
        int at = indexOfSequence(candidateTokens, referenceTokens);
        if (at >= 0) {
            if (isNegated(candidateTokens, at)) {
                return new JudgeVerdict(false, AMBIGUOUS_CONFIDENCE,
                        "The candidate mentions the reference answer but negates it.");
            }
            return new JudgeVerdict(true, 0.95, "The candidate contains the reference answer.");
        }
        double overlap = jaccard(contentWords(referenceTokens), contentWords(candidateTokens));
        String measured = String.format(Locale.ROOT, "Content-word overlap with the reference is %.2f", overlap);
        if (overlap >= CORRECT_OVERLAP) {
            double confidence = 0.9 + 0.09 * (overlap - CORRECT_OVERLAP) / (1 - CORRECT_OVERLAP);
            return new JudgeVerdict(true, round(confidence), measured + ": the candidate matches the reference.");
        }
        if (overlap >= AMBIGUOUS_OVERLAP) {
            return new JudgeVerdict(false, AMBIGUOUS_CONFIDENCE,
                    measured + ": partially matching, a human should decide.");
        }
        double confidence = 0.9 + 0.09 * (AMBIGUOUS_OVERLAP - overlap) / AMBIGUOUS_OVERLAP;
        return new JudgeVerdict(false, round(confidence), measured + ": the candidate does not match the reference.");
    }

    /** Numbers compare by value: "3.50" and "3.5", "1,000" and "1000" are the same token. */
    private static List<String> canonical(List<String> tokens) {
        return tokens.stream().map(AnswerJudge::canonicalNumber).collect(Collectors.toList());
    }

    private static String canonicalNumber(String token) {
        String digits = token.replace(",", "");
        if (!digits.matches("\\d+(\\.\\d+)?")) {
            return token;
        }
        return new BigDecimal(digits).stripTrailingZeros().toPlainString();
    }

    private static int indexOfSequence(List<String> haystack, List<String> needle) {
        for (int start = 0; start + needle.size() <= haystack.size(); start++) {
            if (haystack.subList(start, start + needle.size()).equals(needle)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isNegated(List<String> tokens, int at) {
        for (int i = Math.max(0, at - 2); i < at; i++) {
            if (NEGATIONS.contains(tokens.get(i)) || tokens.get(i).endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> contentWords(List<String> tokens) {
        Set<String> words = tokens.stream().filter(t -> !STOP_WORDS.contains(t)).collect(Collectors.toSet());
        return words.isEmpty() ? new HashSet<>(tokens) : words;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> intersection = new HashSet<>(a);
        intersection.retainAll(b);
        return union.isEmpty() ? 0 : (double) intersection.size() / union.size();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
