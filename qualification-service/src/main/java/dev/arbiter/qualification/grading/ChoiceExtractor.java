package dev.arbiter.qualification.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds which option of a multiple-choice question a model chose. */
public final class ChoiceExtractor {

    private static final Pattern ANNOUNCED = Pattern.compile(
            "(?:answer|option|choice)\\s*(?:is|:)?\\s*\\(?([A-Z])\\b\\)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING = Pattern.compile("^\\s*\\(?([A-Z])(?:[).:\\s]|$)");
    private static final Pattern ALONE = Pattern.compile("^\\s*\\(?([A-Za-z])\\)?\\s*[.!]?\\s*$");

    private ChoiceExtractor() {
    }

    /** The letter of the {@code index}-th option: A, B, C… */
    public static String letter(int index) {
        return String.valueOf((char) ('A' + index));
    }

    /** The canonical letter of a reference given as a letter ("B", "(b)") or as an option's text, or empty. */
    public static Optional<String> referenceLetter(String reference, List<String> options) {
        Matcher alone = ALONE.matcher(reference == null ? "" : reference);
        if (alone.matches()) {
            int index = Character.toUpperCase(alone.group(1).charAt(0)) - 'A';
            return index < options.size() ? Optional.of(letter(index)) : Optional.empty();
        }
        String wanted = TextNormalizer.normalize(reference);
        for (int i = 0; i < options.size(); i++) {
            if (TextNormalizer.normalize(options.get(i)).equals(wanted)) {
                return Optional.of(letter(i));
            }
        }
        return Optional.empty();
    }

    /** The option the answer chose: a bare or announced letter, a leading "C)", or exactly one option's text. */
    public static Optional<String> chosen(String answer, List<String> options) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        for (Pattern p : List.of(ALONE, LEADING, ANNOUNCED)) {
            Matcher m = p.matcher(answer);
            if (m.find()) {
                int index = Character.toUpperCase(m.group(1).charAt(0)) - 'A';
                if (index >= 0 && index < options.size()) {
                    return Optional.of(letter(index));
                }
            }
        }
        String normalized = TextNormalizer.normalize(answer);
        String match = null;
        for (int i = 0; i < options.size(); i++) {
            if (normalized.contains(TextNormalizer.normalize(options.get(i)))) {
                if (match != null) {
                    return Optional.empty(); // names several options: no clear choice
                }
                match = letter(i);
            }
        }
        return Optional.ofNullable(match);
    }
}
