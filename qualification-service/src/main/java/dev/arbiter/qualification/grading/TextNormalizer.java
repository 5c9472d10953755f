package dev.arbiter.qualification.grading;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The normal form answers are compared in: NFKC, lower case, collapsed whitespace, no edge punctuation. */
public final class TextNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^(the|a|an) ");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = WHITESPACE.matcher(s).replaceAll(" ").trim();
        s = EDGE_PUNCTUATION.matcher(s).replaceAll("");
        // Brackets around the whole answer carry no meaning ("(N-acetylcysteine)").
        while (s.length() > 1 && s.startsWith("(") && s.endsWith(")") && s.indexOf(')') == s.length() - 1) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return LEADING_ARTICLE.matcher(s).replaceFirst("");
    }
}
