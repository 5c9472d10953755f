package dev.arbiter.qualification.keyreview.rest;

import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.Verdict;
import dev.arbiter.qualification.question.model.QuestionStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request and response records of answer-key review (paths under {@code /api/qualification/reviews}). */
public final class AnswerKeyReviewApi {

    public static final int MAX_BLIND_ANSWER = 2000;
    public static final int MAX_COMMENT = 2000;

    private AnswerKeyReviewApi() {
    }

    /**
     * A question to review, without its reference answer, rubric, rationale or the panel's answers (the
     * reviewer answers blind first). {@code blindAnswer} is the caller's own, when they already gave it.
     */
    public record QuestionToReview(UUID questionId, String domain, String prompt, AnswerType answerType, List<String> options,
                                   int reviewsSoFar, int reviewsRequired, String blindAnswer) {
    }

    /** Step one: the reviewer's own answer, before seeing the key. */
    public record SubmitBlindAnswer(
            @NotBlank @Size(max = MAX_BLIND_ANSWER, message = "must be at most " + MAX_BLIND_ANSWER + " characters")
            String blindAnswer) {
    }

    public record PanelAnswer(String model, String answer, Verdict verdict) {
    }

    /**
     * The key, shown once the reviewer has answered blind, with whether the blind answer reached it
     * ({@code blindAgrees}; null for FREE_FORM, which the reviewer judges).
     */
    public record KeyRevealed(UUID questionId, AnswerType answerType, String referenceAnswer, List<String> options,
                              String rubric, String rationale, List<PanelAnswer> panelAnswers, String blindAnswer,
                              Boolean blindAgrees) {
    }

    /**
     * Step two: the verdict on the key. {@code blindAnswer} is tolerated from clients of the one-step
     * flow and ignored: the blind answer is the one sent to {@code /blind} before the key was shown.
     */
    public record SubmitKeyReview(
            @NotNull Boolean referenceCorrect,
            @NotNull Boolean unambiguous,
            @NotNull Boolean expertLevel,
            @Size(max = MAX_COMMENT, message = "must be at most " + MAX_COMMENT + " characters") String comment,
            @Size(max = MAX_BLIND_ANSWER, message = "must be at most " + MAX_BLIND_ANSWER + " characters")
            String blindAnswer) {
    }

    /** The recorded verdict, the key, whether the blind answer reached it, and the question's status after it. */
    public record KeyReviewReceipt(UUID reviewId, UUID questionId, String referenceAnswer, List<String> options,
                                   String rationale, Boolean blindAgrees, Boolean blindAnswerAgrees,
                                   QuestionStatus questionStatus) {
    }
}
