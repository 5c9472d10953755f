package dev.arbiter.task.review.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.claim.rest.TaskApi.ItemView;
import dev.arbiter.task.claim.rest.TaskApi.JobBrief;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

public final class ReviewApi {

    private ReviewApi() {
    }

    public enum Decision { ACCEPT, REVISE, REJECT }

    /** Strengths are required as well as issues: experts hear what was good, not only what was wrong. */
    public record ReviewBody(@NotNull Decision decision, @NotBlank @Size(max = 10000) String strengths,
                             @NotBlank @Size(max = 10000) String issues) {
    }

    public record DisputeBody(@NotBlank @Size(max = 10000) String reason) {
    }

    /**
     * A judgment to review, shown in the labels of its task: {@code kind} is REVIEW (QA), SPOT_CHECK
     * (admin, of an accepted judgment) or DISPUTE (admin, a lab disputed an accepted judgment).
     */
    public record ReviewCase(UUID judgmentId, String kind, JobBrief job, ItemView item, JsonNode judgment,
                             Instant submittedAt, String disputeReason) {
    }

    public record Reviewed(UUID reviewId, String judgmentState) {
    }
}
