package dev.arbiter.qualification.grading;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The normal form answers are compared in: NFKC, lower case, collapsed whitespace, no edge punctuation. */
public final class TextNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^(the|a|an) ");
    /** Java's {@code \p{Punct}} (ASCII punctuation) and {@code \s}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String SPACES = " \t\n\u000B\f\r";

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = WHITESPACE.matcher(s).replaceAll(" ").trim();
        s = stripEdgePunctuation(s);
        // Brackets around the whole answer carry no meaning ("(N-acetylcysteine)").
        while (s.length() > 1 && s.startsWith("(") && s.endsWith(")") && s.indexOf(')') == s.length() - 1) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return LEADING_ARTICLE.matcher(s).replaceFirst("");
    }

    /**
     * Punctuation and spaces removed from both ends, by a scan from each end: linear, where the pattern
     * {@code ^[\p{Punct}\s]+|[\p{Punct}\s]+$} it replaces retried the trailing run from every position of a
     * long run of punctuation inside the text (quadratic: 25 s for 100 KB).
     */
    static String stripEdgePunctuation(String s) {
        int start = 0;
        while (start < s.length() && edge(s.charAt(start))) {
            start++;
        }
        // "$" also matched before a final line terminator that \s does not cover (U+0085, U+2028, U+2029).
        int tail = s.length();
        if (tail > start && "\u0085\u2028\u2029".indexOf(s.charAt(tail - 1)) >= 0) {
            tail--;
        }
        int end = tail;
        while (end > start && edge(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end) + s.substring(tail);
    }

    private static boolean edge(char c) {
        return PUNCTUATION.indexOf(c) >= 0 || SPACES.indexOf(c) >= 0;
    }
}
