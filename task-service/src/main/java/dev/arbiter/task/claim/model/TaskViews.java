package dev.arbiter.task.claim.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.task.job.model.Money;
import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What an expert sees of a task: labelled responses, no model names, no response ids. */
public final class TaskViews {

    private TaskViews() {
    }

    public record JobBrief(UUID id, String title, String instructions, List<Dimension> dimensions, Comparison comparison,
                           int minRationaleLength) {

        public static JobBrief of(Job job) {
            return new JobBrief(job.id(), job.title(), job.instructions(), job.dimensions(), job.comparison(),
                    job.minRationaleLength());
        }
    }

    public record LabelledResponse(String label, String text) {
    }

    public record ItemView(String prompt, List<LabelledResponse> responses) {

        /** The item's responses in the task's order, labelled A, B, C… */
        public static ItemView labelled(String prompt, List<String> order, Map<String, String> texts) {
            List<LabelledResponse> responses = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                responses.add(new LabelledResponse(ResponseShuffle.label(i), texts.get(order.get(i))));
            }
            return new ItemView(prompt, responses);
        }
    }

    /**
     * A task as its expert works on it. For a task sent back for revision, {@code previousJudgment} is the
     * judgment as they submitted it (in their labels) beside the reviewer's {@code feedback}, and the
     * {@code draft} starts from it until they save one of their own. The claim's answer also says what the
     * session pays: {@code effectiveHourlyRate} (the job's rate × {@code tierMultiplier}, the expert's tier's
     * multiplier in the job's domain, fixed on the session now); reloading a task leaves both out.
     */
    public record TaskView(UUID taskId, UUID sessionId, TaskState state, Instant leaseExpiresAt, JobBrief job, ItemView item,
                           JsonNode draft, JsonNode feedback, LabelledJudgment previousJudgment,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Money effectiveHourlyRate,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal tierMultiplier) {
    }

    public record MyTask(UUID taskId, UUID jobId, String jobTitle, TaskState state, Instant claimedAt, Instant leaseExpiresAt,
                         UUID judgmentId, JudgmentState judgmentState, JsonNode feedback) {
    }
}
