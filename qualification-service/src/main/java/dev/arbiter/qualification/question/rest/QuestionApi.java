package dev.arbiter.qualification.question.rest;

import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.Verdict;
import dev.arbiter.qualification.question.model.QuestionStatus;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response records of the question endpoints (entities never leave the service layer). */
public final class QuestionApi {

    public static final int MAX_PROMPT = 4000;
    public static final int MAX_REFERENCE = 2000;
    public static final int MAX_RATIONALE = 4000;
    public static final int MAX_RUBRIC = 2000;
    public static final int MAX_OPTIONS = 8;
    public static final int MAX_OPTION = 500;

    private QuestionApi() {
    }

    public record SubmitQuestion(
            @NotBlank @Size(max = 60) String domain,
            @NotBlank @Size(min = 10, max = MAX_PROMPT, message = "must be 10 to " + MAX_PROMPT + " characters") String prompt,
            @NotNull AnswerType answerType,
            @NotBlank @Size(max = MAX_REFERENCE, message = "must be at most " + MAX_REFERENCE + " characters") String referenceAnswer,
            @Size(max = MAX_OPTIONS, message = "at most " + MAX_OPTIONS + " options")
            List<@NotBlank @Size(max = MAX_OPTION, message = "must be 1 to " + MAX_OPTION + " characters") String> options,
            @DecimalMin(value = "0", message = "must not be negative") BigDecimal tolerance,
            @Size(max = MAX_RUBRIC, message = "must be at most " + MAX_RUBRIC + " characters") String rubric,
            @NotBlank @Size(max = MAX_RATIONALE, message = "must be at most " + MAX_RATIONALE + " characters") String rationale) {
    }

    public record Submitted(UUID id, QuestionStatus status, UUID duplicateOf) {
    }

    public record AttemptView(String model, String answer, Verdict verdict, int round, boolean current,
                              boolean uncertain, Double confidence, String reasoning, long latencyMs, String error) {
    }

    /** What reviewers said about the key: shown to the author without the reviewers' identities. */
    public record KeyReviewFeedback(boolean referenceCorrect, boolean unambiguous, boolean expertLevel,
                                 Boolean blindAnswerAgrees, String comment, Instant createdAt) {
    }

    public record QuestionView(UUID id, UUID authorId, String domain, QuestionStatus status, int failures,
                               int minFailures, List<AttemptView> attempts, String prompt, AnswerType answerType,
                               String referenceAnswer, List<String> options, BigDecimal tolerance, String rubric,
                               String rationale, int evaluationRounds, int maxEvaluationRounds,
                               Instant nextEvaluationAt, UUID duplicateOf, Double similarity,
                               List<KeyReviewFeedback> reviews, Instant createdAt, Instant decidedAt) {
    }

    public record QuestionSummary(UUID id, String domain, QuestionStatus status, int failures, int minFailures,
                                  String prompt, Instant createdAt) {
    }

    /** An admin's grade of an answer the judge was not confident about. */
    public record HumanGrade(@NotBlank String model, @NotNull Verdict verdict,
                             @Size(max = 2000) String comment) {
    }

}
