package dev.arbiter.task.job.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job as stored and as its lab sees it. */
public record Job(UUID id, UUID organizationId, String title, String domain, String instructions, Comparison comparison,
                  List<Dimension> dimensions, int judgmentsPerItem, int minTier, Money hourlyRate,
                  int expectedMinutesPerItem, Money budget, int minRationaleLength, int spotCheckPercent,
                  JobStatus status, int items, Instant createdAt) {

    /** Not part of the answer: {@code status} says it. */
    @JsonIgnore
    public boolean isPublished() {
        return status == JobStatus.PUBLISHED;
    }

    public String currency() {
        return hourlyRate.currency();
    }
}
