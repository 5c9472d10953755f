package dev.arbiter.qualification.grading;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads numbers the way people and models write them: {@code 1,000}, {@code -3.5}, {@code 12%}, {@code 1.2e3}.
 *
 * <p>Hand-written scans, not regular expressions: a model's answer is untrusted and may be long, and the
 * patterns this replaced backtracked for minutes on a keyword followed by a few hundred spaces. Every scan
 * here is linear in the text. Numbers are also bounded before they become a {@link BigDecimal}: a reference
 * or tolerance to {@value #MAX_REFERENCE_DIGITS} digits and a magnitude within 10^±{@value #MAX_REFERENCE_EXPONENT};
 * an answer to {@value #MAX_ANSWER_DIGITS} digits and a written exponent of at most four digits. A number
 * beyond that ({@code 1e100000000}) is refused as a reference and graded as out of range in an answer,
 * so nothing ever builds its hundred million digits.
 */
public final class NumericAnswer {

    public static final int MAX_REFERENCE_DIGITS = 50;
    public static final int MAX_REFERENCE_EXPONENT = 100;
    static final int MAX_ANSWER_DIGITS = 1000;
    static final int MAX_EXPONENT_DIGITS = 4;

    /** Words that announce a final answer ("the answer is 42", "result: 42", "total = 42"); matched in ASCII case. */
    private static final String[] ANNOUNCERS = {"answer", "result", "total", "final value"};
    private static final String[] RELATIONS = {"is", ":", "=", "≈"};
    private static final String[] HEDGES = {"approximately", "about", "~"};
    private static final String CURRENCIES = "$€£¥";

    private NumericAnswer() {
    }

    /** A model's final number: its value, or out of range (too many digits, too large an exponent). */
    public record Reading(BigDecimal value, String raw) {

        public boolean outOfRange() {
            return value == null;
        }
    }

    /** The value of a reference answer that must be a number (optionally with a currency sign or %), or empty. */
    public static Optional<BigDecimal> parseReference(String text) {
        return wholeNumber(text).flatMap(raw -> bounded(raw, MAX_REFERENCE_DIGITS))
                .filter(NumericAnswer::withinReferenceBounds);
    }

    /** Whether the text is one number, whatever its size (to tell "not a number" from "too large a number"). */
    public static boolean isSingleNumber(String text) {
        return wholeNumber(text).isPresent();
    }

    /** A reference or tolerance value the service accepts: at most 50 digits, magnitude within 10^±100. */
    public static boolean withinReferenceBounds(BigDecimal value) {
        if (value.precision() > MAX_REFERENCE_DIGITS) {
            return false;
        }
        if (value.signum() == 0) {
            return Math.abs((long) value.scale()) <= MAX_REFERENCE_DIGITS + MAX_REFERENCE_EXPONENT;
        }
        long magnitude = (long) value.precision() - value.scale() - 1;
        return Math.abs(magnitude) <= MAX_REFERENCE_EXPONENT;
    }

    /** The model's final number: the announced answer if there is one, else the last number in the text. */
    public static Optional<BigDecimal> finalNumber(String text) {
        return read(text).filter(r -> !r.outOfRange()).map(Reading::value);
    }

    /** The announced or last number of the text, or empty when it has none. */
    public static Optional<Reading> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String found = lastAnnounced(text);
        if (found == null) {
            found = lastNumber(text);
        }
        if (found == null) {
            return Optional.empty();
        }
        String raw = found;
        return Optional.of(bounded(raw, MAX_ANSWER_DIGITS).map(v -> new Reading(v, raw)).orElse(new Reading(null, raw)));
    }

    /** A number for people to read in a grade: plain when short, else scientific, never longer than 40 characters. */
    public static String display(BigDecimal value) {
        long magnitude = (long) value.precision() - value.scale() - 1;
        String s = Math.abs(magnitude) <= 30 && value.scale() <= 40 ? value.toPlainString() : value.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // --- scans (each mirrors the regular expression it replaced; see the comments) ---

    /** {@code ^\s*[$€£¥]?\s*(NUMBER)\s*%?\s*$}: the one number of the text, as written. */
    private static Optional<String> wholeNumber(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int i = skipSpaces(text, 0);
        if (i < text.length() && CURRENCIES.indexOf(text.charAt(i)) >= 0) {
            i = skipSpaces(text, i + 1);
        }
        int end = numberEnd(text, i);
        if (end < 0) {
            return Optional.empty();
        }
        int j = skipSpaces(text, end);
        if (j < text.length() && text.charAt(j) == '%') {
            j = skipSpaces(text, j + 1);
        }
        return j == text.length() ? Optional.of(text.substring(i, end)) : Optional.empty();
    }

    /**
     * The number of the last announcement: {@code (answer|result|total|final value)\s*(is|:|=|≈)?\s*
     * (approximately|about|~)?\s*[$€£¥]?\s*(NUMBER)}, ASCII case-insensitive, matches taken left to right
     * without overlap. The optional parts are tried taken first, as the regular expression did.
     */
    private static String lastAnnounced(String text) {
        String last = null;
        int i = 0;
        while (i < text.length()) {
            int afterKeyword = startsWithAny(text, i, ANNOUNCERS);
            int[] match = afterKeyword < 0 ? null : announcedNumber(text, afterKeyword);
            if (match != null) {
                last = text.substring(match[0], match[1]);
                i = match[1];
            } else {
                i++;
            }
        }
        return last;
    }

    private static int[] announcedNumber(String text, int from) {
        int p1 = skipSpaces(text, from);
        for (int c1 : choices(startsWithAny(text, p1, RELATIONS), p1)) {
            int p2 = skipSpaces(text, c1);
            for (int c2 : choices(startsWithAny(text, p2, HEDGES), p2)) {
                int p3 = skipSpaces(text, c2);
                boolean currency = p3 < text.length() && CURRENCIES.indexOf(text.charAt(p3)) >= 0;
                for (int c3 : choices(currency ? p3 + 1 : -1, p3)) {
                    int p4 = skipSpaces(text, c3);
                    int end = numberEnd(text, p4);
                    if (end >= 0) {
                        return new int[] {p4, end};
                    }
                }
            }
        }
        return null;
    }

    private static int[] choices(int taken, int skipped) {
        return taken < 0 ? new int[] {skipped} : new int[] {taken, skipped};
    }

    /** {@code (?<![\w.])(NUMBER)}, the last match. */
    private static String lastNumber(String text) {
        String last = null;
        int i = 0;
        while (i < text.length()) {
            int end = (i == 0 || !wordOrDot(text.charAt(i - 1))) ? numberEnd(text, i) : -1;
            if (end >= 0) {
                last = text.substring(i, end);
                i = end;
            } else {
                i++;
            }
        }
        return last;
    }

    /**
     * Where a number starting at {@code i} ends, or -1: {@code [-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?
     * (?:[eE][-+]?\d+)?|[-−]?\.\d+}. Thousands groups are taken only after one to three leading digits; a
     * group that is not three digits ends the number before its comma, as the pattern did.
     */
    static int numberEnd(String s, int i) {
        int n = s.length();
        int p = i;
        if (p < n && (s.charAt(p) == '-' || s.charAt(p) == '−')) {
            p++;
        }
        int digitsEnd = digits(s, p);
        if (digitsEnd > p) {
            int q = digitsEnd;
            if (digitsEnd - p <= 3) {
                while (q + 4 <= n && s.charAt(q) == ',' && isDigit(s, q + 1) && isDigit(s, q + 2) && isDigit(s, q + 3)) {
                    q += 4;
                }
            }
            int end = q;
            if (end < n && s.charAt(end) == '.' && isDigit(s, end + 1)) {
                end = digits(s, end + 1);
            }
            if (end < n && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
                int e = end + 1;
                if (e < n && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
                    e++;
                }
                if (isDigit(s, e)) {
                    end = digits(s, e);
                }
            }
            return end;
        }
        if (p < n && s.charAt(p) == '.' && isDigit(s, p + 1)) {
            return digits(s, p + 1);
        }
        return -1;
    }

    /**
     * The number as a value when it has at most {@code maxDigits} digits and an exponent of at most four
     * digits; checked on the text, before any {@link BigDecimal} is made.
     */
    private static Optional<BigDecimal> bounded(String raw, int maxDigits) {
        String plain = raw.replace(",", "").replace('−', '-');
        int e = Math.max(plain.indexOf('e'), plain.indexOf('E'));
        String mantissa = e < 0 ? plain : plain.substring(0, e);
        int digitCount = 0;
        for (int i = 0; i < mantissa.length(); i++) {
            if (isDigit(mantissa, i)) {
                digitCount++;
            }
        }
        if (digitCount > maxDigits) {
            return Optional.empty();
        }
        if (e >= 0) {
            String exponent = plain.substring(e + 1).replaceFirst("^[-+]", "");
            int firstSignificant = 0;
            while (firstSignificant < exponent.length() - 1 && exponent.charAt(firstSignificant) == '0') {
                firstSignificant++;
            }
            if (exponent.length() - firstSignificant > MAX_EXPONENT_DIGITS) {
                return Optional.empty();
            }
        }
        return Optional.of(new BigDecimal(plain));
    }

    private static int startsWithAny(String s, int at, String[] words) {
        for (String w : words) {
            if (startsWithAscii(s, at, w)) {
                return at + w.length();
            }
        }
        return -1;
    }

    /** Case-insensitive for ASCII letters only, as {@code Pattern.CASE_INSENSITIVE} without UNICODE_CASE. */
    private static boolean startsWithAscii(String s, int at, String word) {
        if (at + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char a = s.charAt(at + k);
            char b = word.charAt(k);
            if (a != b && !(a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@code \s*}: Java's \s is [ \t\n\x0B\f\r]. */
    private static int skipSpaces(String s, int i) {
        while (i < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static int digits(String s, int i) {
        while (i < s.length() && isDigit(s, i)) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(String s, int i) {
        return i >= 0 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static boolean wordOrDot(char c) {
        return c == '.' || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
