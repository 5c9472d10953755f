package dev.arbiter.qualification.question.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.ChoiceExtractor;
import dev.arbiter.qualification.grading.NumericAnswer;
import dev.arbiter.qualification.grading.TextNormalizer;
import dev.arbiter.qualification.question.rest.QuestionApi.SubmitQuestion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The answer-type rules of a submission, checked before anything is stored. */
public final class AnswerKeyValidator {

    private AnswerKeyValidator() {
    }

    /** The reference answer in its canonical form (a MULTIPLE_CHOICE key becomes its letter), or a 400 problem. */
    public static String canonicalReference(SubmitQuestion q) {
        List<String> options = q.options() == null ? List.of() : q.options();
        if (q.answerType() != AnswerType.MULTIPLE_CHOICE && !options.isEmpty()) {
            throw ApiProblem.badRequest("options-not-allowed", "Only MULTIPLE_CHOICE questions have options")
                    .with("field", "options");
        }
        if (q.answerType() != AnswerType.NUMERIC && q.tolerance() != null) {
            throw ApiProblem.badRequest("tolerance-not-allowed", "Only NUMERIC questions have a tolerance")
                    .with("field", "tolerance");
        }
        return switch (q.answerType()) {
            case EXACT, FREE_FORM -> q.referenceAnswer().trim();
            case NUMERIC -> {
                if (NumericAnswer.parseReference(q.referenceAnswer()).isEmpty()) {
                    throw ApiProblem.badRequest("reference-not-a-number",
                            "A NUMERIC question's referenceAnswer must be a number, got '" + q.referenceAnswer() + "'")
                            .with("field", "referenceAnswer");
                }
                yield q.referenceAnswer().trim();
            }
            case MULTIPLE_CHOICE -> {
                if (options.size() < 2) {
                    throw ApiProblem.badRequest("options-required",
                            "A MULTIPLE_CHOICE question needs at least 2 options, got " + options.size())
                            .with("field", "options");
                }
                Set<String> distinct = new HashSet<>();
                for (String option : options) {
                    if (!distinct.add(TextNormalizer.normalize(option))) {
                        throw ApiProblem.badRequest("duplicate-option", "Option '" + option + "' is given twice")
                                .with("field", "options");
                    }
                }
                yield ChoiceExtractor.referenceLetter(q.referenceAnswer(), options)
                        .orElseThrow(() -> ApiProblem.badRequest("reference-not-an-option",
                                "The referenceAnswer '" + q.referenceAnswer() + "' is not one of the options "
                                        + "(give an option's text or its letter A-" + ChoiceExtractor.letter(options.size() - 1) + ")")
                                .with("field", "referenceAnswer"));
            }
        };
    }
}
