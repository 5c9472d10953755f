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
    private static final String BRACKETS = "()[]{}";
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
        return stripSurroundingPunctuation(collapsed);
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

    /**
     * Strips punctuation and spaces at both ends, and brackets around the whole text, but keeps
     * brackets that pair inside it: "(What is O(1)?)" → "What is O(1)", "(A) Aspirin." → "(A) Aspirin".
     */
    private static String stripSurroundingPunctuation(String text) {
        String current = text;
        while (true) {
            int start = 0;
            int end = current.length();
            while (start < end && isStrippable(current.charAt(start)) && !opensInside(current, start, end)) {
                start++;
            }
            while (end > start && isStrippable(current.charAt(end - 1)) && !closesInside(current, start, end - 1)) {
                end--;
            }
            if (wrapsWhole(current, start, end)) {
                start++;
                end--;
            }
            String stripped = current.substring(start, end);
            if (stripped.equals(current)) {
                return stripped;
            }
            current = stripped;
        }
    }

    /** Whether the bracket at {@code start} is closed exactly by the one at {@code end - 1}. */
    private static boolean wrapsWhole(String text, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        int pair = BRACKETS.indexOf(text.charAt(start));
        if (pair < 0 || pair % 2 != 0 || text.charAt(end - 1) != BRACKETS.charAt(pair + 1)) {
            return false;
        }
        int depth = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == BRACKETS.charAt(pair)) {
                depth++;
            } else if (text.charAt(i) == BRACKETS.charAt(pair + 1) && --depth == 0) {
                return i == end - 1;
            }
        }
        return false;
    }

    private static boolean isStrippable(char c) {
        return Character.isWhitespace(c) || switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean opensInside(String text, int at, int end) {
        int pair = BRACKETS.indexOf(text.charAt(at));
        return pair >= 0 && pair % 2 == 0 && text.indexOf(BRACKETS.charAt(pair + 1), at + 1) >= 0
                && text.indexOf(BRACKETS.charAt(pair + 1), at + 1) < end;
    }

    private static boolean closesInside(String text, int start, int at) {
        int pair = BRACKETS.indexOf(text.charAt(at));
        if (pair < 0 || pair % 2 == 0) {
            return false;
        }
        int opener = text.lastIndexOf(BRACKETS.charAt(pair - 1), at - 1);
        return opener >= start;
    }

    private static boolean isBoundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}
