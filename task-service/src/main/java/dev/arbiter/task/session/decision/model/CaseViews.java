package dev.arbiter.task.session.decision.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the admin decisions and appeals API takes and answers. */
public final class CaseViews {

    /** Longest reason an admin writes (the database bounds it the same way). */
    public static final int MAX_REASON = 4000;
    /** Longest statement an expert appeals with. */
    public static final int MAX_STATEMENT = 8000;

    private CaseViews() {
    }

    /** An admin's decision on a flagged session: always with a written reason. */
    public record DecisionRequest(@NotNull CaseDecision decision,
                                  @NotBlank @Size(max = MAX_REASON, message = "must be at most 4000 characters") String reason) {
    }

    /** The expert's one appeal of a confirmation. */
    public record AppealRequest(
            @NotBlank @Size(max = MAX_STATEMENT, message = "must be at most 8000 characters") String statement) {
    }

    /** A second admin's decision on the appeal. */
    public record AppealDecisionRequest(@NotNull AppealDecision decision,
                                        @NotBlank @Size(max = MAX_REASON, message = "must be at most 4000 characters") String reason) {
    }

    /** The answer to each step: where the session stands now and what the step did to its judgment. */
    public record CaseStep(UUID sessionId, SessionState state, UUID judgmentId, JudgmentEffect judgmentEffect, Instant at) {
    }

    /**
     * A session's case as its owner and admins see it ({@code case} of the session): the decision with its
     * reason, who took it and when, the judgment it concerns, and the appeal if one was made.
     */
    public record SessionCase(CaseDecision decision, String reason, UUID decidedBy, Instant decidedAt, UUID judgmentId,
                              Appeal appeal) {
    }

    /** The expert's statement and, once decided, the second admin's decision. */
    public record Appeal(String statement, Instant appealedAt, AppealDecision decision, String reason, UUID decidedBy,
                         Instant decidedAt) {
    }

    /** One session of an admin's list: what it is, its fired signals (the evidence), and its case if decided. */
    public record SessionUnderReview(UUID id, SessionKind kind, UUID taskId, UUID judgmentId, UUID jobId, UUID expertId,
                                     SessionState state, Instant closedAt, Instant finalisedAt, Long activeSeconds,
                                     Long paidSeconds, JsonNode signals, @JsonProperty("case") SessionCase sessionCase) {
    }

    /** A page of the admin's list; {@code nextOffset} asks for the next page, null on the last one. */
    public record SessionPage(SessionState state, List<SessionUnderReview> sessions, int limit, int offset, Integer nextOffset) {
    }
}
