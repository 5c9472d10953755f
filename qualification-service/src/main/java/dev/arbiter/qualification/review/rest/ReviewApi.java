package dev.arbiter.qualification.review.rest;

import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.question.model.QuestionStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public final class ReviewApi {

    private ReviewApi() {
    }

    /** A question to review, without its reference answer, rubric or rationale (the reviewer answers blind). */
    public record ReviewItem(UUID questionId, String domain, String prompt, AnswerType answerType, List<String> options,
                             int reviewsSoFar, int reviewsRequired) {
    }

    public record SubmitReview(
            @NotBlank @Size(max = 2000, message = "must be at most 2000 characters") String blindAnswer,
            @NotNull Boolean referenceCorrect,
            @NotNull Boolean unambiguous,
            @NotNull Boolean expertLevel,
            @Size(max = 2000, message = "must be at most 2000 characters") String comment) {
    }

    /** After the blind answer is in, the reviewer sees the key and whether they reached it. */
    public record ReviewReceipt(UUID reviewId, UUID questionId, String referenceAnswer, List<String> options,
                                String rationale, Boolean blindAnswerAgrees, QuestionStatus questionStatus) {
    }
}
