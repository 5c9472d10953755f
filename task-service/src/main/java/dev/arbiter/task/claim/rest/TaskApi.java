package dev.arbiter.task.claim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.job.rest.JobApi.Comparison;
import dev.arbiter.task.job.rest.JobApi.Dimension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an expert sees of a task: labelled responses, no model names, no response ids. */
public final class TaskApi {

    private TaskApi() {
    }

    public record ClaimRequest(UUID jobId) {
    }

    public record JobBrief(UUID id, String title, String instructions, List<Dimension> dimensions, Comparison comparison,
                           int minRationaleLength) {
    }

    public record LabelledResponse(String label, String text) {
    }

    public record ItemView(String prompt, List<LabelledResponse> responses) {
    }

    public record TaskView(UUID taskId, UUID sessionId, String state, Instant leaseExpiresAt, JobBrief job, ItemView item,
                           JsonNode draft, JsonNode feedback) {
    }

    public record MyTask(UUID taskId, UUID jobId, String jobTitle, String state, Instant claimedAt, Instant leaseExpiresAt,
                         UUID judgmentId, String judgmentState, JsonNode feedback) {
    }
}
