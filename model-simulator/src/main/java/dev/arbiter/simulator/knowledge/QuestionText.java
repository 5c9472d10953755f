package dev.arbiter.simulator.knowledge;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one normalisation every comparison in the simulator goes through, so that a question
 * typed with different spacing, case, Unicode forms or trailing "?" still matches.
 */
public final class QuestionText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SURROUNDING_PUNCTUATION =
            Pattern.compile("^[\\p{P}\\s]+|[\\p{P}\\s]+$", Pattern.UNICODE_CHARACTER_CLASS);
    /** Words and numbers; keeps "3.5", "1,000" and "don't" whole. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,'’][\\p{L}\\p{N}]+)*");

    private QuestionText() {
    }

    /** NFKC, lower case, whitespace collapsed to one space, leading/trailing punctuation stripped. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String collapsed = WHITESPACE.matcher(folded).replaceAll(" ");
        return SURROUNDING_PUNCTUATION.matcher(collapsed).replaceAll("");
    }

    /** The words and numbers of the normalised text, in order. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(normalize(text));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Word count, the simulator's stand-in for a token count in {@code usage}. */
    public static int wordCount(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return WHITESPACE.split(text.strip()).length;
    }

    /**
     * Whether {@code phrase} occurs in {@code text} on word boundaries; both must already be
     * normalised.
     */
    public static boolean containsPhrase(String text, String phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            int end = at + phrase.length();
            if (isBoundary(text, at - 1) && isBoundary(text, end)) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isBoundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}
