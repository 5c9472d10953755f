package dev.arbiter.qualification.question.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.ChoiceExtractor;
import dev.arbiter.qualification.grading.NumericAnswer;
import dev.arbiter.qualification.grading.PromptSteering;
import dev.arbiter.qualification.grading.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answer-type rules of a submission, checked before anything is stored. */
public final class AnswerKeyValidator {

    private AnswerKeyValidator() {
    }

    /**
     * The reference answer in its canonical form (a MULTIPLE_CHOICE key becomes its letter), or a
     * validation problem naming every field that breaks the answer type's rules.
     */
    public static String canonicalReference(NewQuestion q) {
        List<String> options = q.options() == null ? List.of() : q.options();
        List<Violation> violations = new ArrayList<>();
        if (q.answerType() != AnswerType.MULTIPLE_CHOICE && !options.isEmpty()) {
            violations.add(new Violation("options", "must be absent unless answerType is MULTIPLE_CHOICE"));
        }
        if (q.answerType() != AnswerType.NUMERIC && q.tolerance() != null) {
            violations.add(new Violation("tolerance", "must be absent unless answerType is NUMERIC"));
        } else if (q.tolerance() != null && !NumericAnswer.withinReferenceBounds(q.tolerance())) {
            violations.add(new Violation("tolerance", NUMBER_BOUNDS));
        }
        steering(q, options, violations);
        Optional<String> reference = switch (q.answerType()) {
            case EXACT, FREE_FORM -> Optional.of(q.referenceAnswer().trim());
            case NUMERIC -> numericReference(q.referenceAnswer(), violations);
            case MULTIPLE_CHOICE -> choiceReference(q.referenceAnswer(), options, violations);
        };
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        return reference.orElseThrow();
    }

    static final String NUMBER_BOUNDS = "must have at most " + NumericAnswer.MAX_REFERENCE_DIGITS
            + " digits and a magnitude between 1e-" + NumericAnswer.MAX_REFERENCE_EXPONENT + " and 1e"
            + NumericAnswer.MAX_REFERENCE_EXPONENT;

    /**
     * The question and its options are what the panel reads: text in them that tells the models what to
     * answer (or to answer wrongly), or that speaks to them as models, would stump them by instruction.
     */
    private static void steering(NewQuestion q, List<String> options, List<Violation> violations) {
        PromptSteering.find(q.prompt()).ifPresent(why -> violations.add(new Violation("prompt",
                "must ask the models a question, not instruct them: it " + why)));
        for (int i = 0; i < options.size(); i++) {
            int index = i;
            PromptSteering.find(options.get(i)).ifPresent(why -> violations.add(new Violation("options[" + index + "]",
                    "must be an answer option, not an instruction to the models: it " + why)));
        }
    }

    private static Optional<String> numericReference(String reference, List<Violation> violations) {
        if (NumericAnswer.isSingleNumber(reference) && NumericAnswer.parseReference(reference).isEmpty()) {
            violations.add(new Violation("referenceAnswer", NUMBER_BOUNDS));
            return Optional.empty();
        }
        if (NumericAnswer.parseReference(reference).isEmpty()) {
            violations.add(new Violation("referenceAnswer",
                    "must be a single number for a NUMERIC question, e.g. 42, -3.5, 1,000, 12% or 1.2e3"));
            return Optional.empty();
        }
        return Optional.of(reference.trim());
    }

    private static Optional<String> choiceReference(String reference, List<String> options, List<Violation> violations) {
        if (options.size() < 2) {
            violations.add(new Violation("options", "must list at least 2 options for a MULTIPLE_CHOICE question"));
            return Optional.empty();
        }
        Map<String, Integer> firstIndexOf = new HashMap<>();
        for (int i = 0; i < options.size(); i++) {
            Integer earlier = firstIndexOf.putIfAbsent(TextNormalizer.normalize(options.get(i)), i);
            if (earlier != null) {
                violations.add(new Violation("options[" + i + "]", "must differ from options[" + earlier + "]"));
            }
        }
        Optional<String> letter = ChoiceExtractor.referenceLetter(reference, options);
        if (letter.isEmpty()) {
            violations.add(new Violation("referenceAnswer", "must be the text of one of the options or its letter, A to "
                    + ChoiceExtractor.letter(options.size() - 1)));
        }
        return letter;
    }
}
