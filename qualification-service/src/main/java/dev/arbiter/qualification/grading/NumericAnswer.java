package dev.arbiter.qualification.grading;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numbers the way people and models write them: {@code 1,000}, {@code -3.5}, {@code 12%}, {@code 1.2e3}. */
public final class NumericAnswer {

    private static final String NUMBER = "[-−]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|[-−]?\\.\\d+";
    private static final Pattern ANY_NUMBER = Pattern.compile("(?<![\\w.])(" + NUMBER + ")");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^\\s*[$€£¥]?\\s*(" + NUMBER + ")\\s*%?\\s*$");
    /** "the answer is 42", "result: 42", "= 42": an announced final answer wins over the last number. */
    private static final Pattern ANNOUNCED = Pattern.compile(
            "(?:answer|result|total|final value)\\s*(?:is|:|=|≈)?\\s*(?:approximately|about|~)?\\s*[$€£¥]?\\s*(" + NUMBER + ")",
            Pattern.CASE_INSENSITIVE);

    private NumericAnswer() {
    }

    /** The value of a reference answer that must be a number (optionally with a currency sign or %), or empty. */
    public static Optional<BigDecimal> parseReference(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WHOLE_NUMBER.matcher(text);
        return m.matches() ? Optional.of(toDecimal(m.group(1))) : Optional.empty();
    }

    /** The model's final number: the announced answer if there is one, else the last number in the text. */
    public static Optional<BigDecimal> finalNumber(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher announced = ANNOUNCED.matcher(text);
        String found = null;
        while (announced.find()) {
            found = announced.group(1);
        }
        if (found == null) {
            Matcher any = ANY_NUMBER.matcher(text);
            while (any.find()) {
                found = any.group(1);
            }
        }
        return Optional.ofNullable(found).map(NumericAnswer::toDecimal);
    }

    private static BigDecimal toDecimal(String raw) {
        return new BigDecimal(raw.replace(",", "").replace('−', '-'));
    }
}
