package dev.arbiter.qualification.keyreview.rest;

import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.question.model.QuestionStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request and response records of answer-key review (paths under {@code /api/qualification/reviews}). */
public final class AnswerKeyReviewApi {

    private AnswerKeyReviewApi() {
    }

    /** A question to review, without its reference answer, rubric or rationale (the reviewer answers blind). */
    public record QuestionToReview(UUID questionId, String domain, String prompt, AnswerType answerType, List<String> options,
                             int reviewsSoFar, int reviewsRequired) {
    }

    public record SubmitKeyReview(
            @NotBlank @Size(max = 2000, message = "must be at most 2000 characters") String blindAnswer,
            @NotNull Boolean referenceCorrect,
            @NotNull Boolean unambiguous,
            @NotNull Boolean expertLevel,
            @Size(max = 2000, message = "must be at most 2000 characters") String comment) {
    }

    /** After the blind answer is in, the reviewer sees the key and whether they reached it. */
    public record KeyReviewReceipt(UUID reviewId, UUID questionId, String referenceAnswer, List<String> options,
                                String rationale, Boolean blindAnswerAgrees, QuestionStatus questionStatus) {
    }
}
