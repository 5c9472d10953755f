package dev.arbiter.task.review.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.claim.model.TaskViews.ItemView;
import dev.arbiter.task.claim.model.TaskViews.JobBrief;
import dev.arbiter.task.judgment.model.JudgmentState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** What reviewers send and see. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /** Strengths are required as well as issues: experts hear what was good, not only what was wrong. */
    public record ReviewNote(@NotNull Decision decision, @NotBlank @Size(max = 10000) String strengths,
                             @NotBlank @Size(max = 10000) String issues) {
    }

    public record DisputeNote(@NotBlank @Size(max = 10000) String reason) {
    }

    /**
     * A judgment to review, shown in the labels of its task. An expert reviewer works in a session of
     * their own ({@code sessionId}); admins' reviews are not sessions.
     */
    public record ReviewCase(UUID judgmentId, ReviewKind kind, JobBrief job, ItemView item, JsonNode judgment,
                             Instant submittedAt, String disputeReason, UUID sessionId) {
    }

    public record Reviewed(UUID reviewId, JudgmentState judgmentState) {
    }
}
