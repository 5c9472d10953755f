package dev.arbiter.qualification.grading;

import java.math.BigDecimal;
import java.util.Optional;

/** Grades EXACT, NUMERIC and MULTIPLE_CHOICE answers without any model. */
public final class DeterministicGrader {

    private DeterministicGrader() {
    }

    public static Grade grade(ReferenceKey key, String answer) {
        return switch (key.type()) {
            case EXACT -> exact(key, answer);
            case NUMERIC -> numeric(key, answer);
            case MULTIPLE_CHOICE -> choice(key, answer);
            case FREE_FORM -> throw new IllegalArgumentException("FREE_FORM answers are graded by the judge model");
        };
    }

    private static Grade exact(ReferenceKey key, String answer) {
        boolean same = TextNormalizer.normalize(answer).equals(TextNormalizer.normalize(key.reference()));
        return Grade.of(same, same ? "Matches the reference after normalisation" : "Differs from the reference");
    }

    private static Grade numeric(ReferenceKey key, String answer) {
        BigDecimal expected = NumericAnswer.parseReference(key.reference())
                .orElseThrow(() -> new IllegalStateException("NUMERIC reference is not a number"));
        Optional<NumericAnswer.Reading> given = NumericAnswer.read(answer);
        if (given.isEmpty()) {
            return Grade.of(false, "No number in the answer");
        }
        if (given.get().outOfRange()) {
            // Far beyond any reference and tolerance the service accepts, so it cannot be within tolerance.
            return Grade.of(false, "The final number is out of range (over " + NumericAnswer.MAX_ANSWER_DIGITS
                    + " digits or an exponent of more than " + NumericAnswer.MAX_EXPONENT_DIGITS + " digits)");
        }
        BigDecimal value = given.get().value();
        BigDecimal tolerance = key.tolerance() == null ? BigDecimal.ZERO : key.tolerance();
        BigDecimal diff = value.subtract(expected).abs();
        boolean within = diff.compareTo(tolerance) <= 0;
        return Grade.of(within, "Final number " + NumericAnswer.display(value) + " vs reference "
                + NumericAnswer.display(expected) + " (tolerance " + NumericAnswer.display(tolerance) + ")");
    }

    private static Grade choice(ReferenceKey key, String answer) {
        String expected = ChoiceExtractor.referenceLetter(key.reference(), key.options())
                .orElseThrow(() -> new IllegalStateException("reference is not an option"));
        Optional<String> chosen = ChoiceExtractor.chosen(answer, key.options());
        if (chosen.isEmpty()) {
            return Grade.of(false, "No single option chosen");
        }
        return Grade.of(chosen.get().equals(expected), "Chose " + chosen.get() + ", key is " + expected);
    }
}
