package dev.arbiter.task.job.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as stored and as its lab sees it. {@code pauseReason} is present only while it is {@code PAUSED}: {@code LAB}
 * or {@code BUDGET_EXHAUSTED}. An expert reading the job board also gets {@code tier}, theirs in the job's domain,
 * and {@code effectiveHourlyRate}, what a session of theirs would pay an hour (the rate × that tier's multiplier);
 * for anyone else both are absent. {@code maxLeasesPerExpert}: how many live leases of this job one expert may hold at
 * once (a claim over it answers 409 {@code lease-cap-reached}).
 */
public record Job(UUID id, UUID organizationId, String title, String domain, String instructions, Comparison comparison,
                  List<Dimension> dimensions, int judgmentsPerItem, int minTier, Money hourlyRate,
                  int expectedMinutesPerItem, Money budget, int minRationaleLength, int spotCheckPercent,
                  int maxLeasesPerExpert, JobStatus status, @JsonInclude(JsonInclude.Include.NON_NULL) PauseReason pauseReason, int items,
                  Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Money effectiveHourlyRate,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer tier) {

    /** The job as an expert of this tier sees it, paid at {@code effectiveHourlyRateMinor} an hour. */
    public Job forExpert(int expertTier, long effectiveHourlyRateMinor) {
        return new Job(id, organizationId, title, domain, instructions, comparison, dimensions, judgmentsPerItem, minTier,
                hourlyRate, expectedMinutesPerItem, budget, minRationaleLength, spotCheckPercent, maxLeasesPerExpert, status,
                pauseReason, items,
                createdAt, new Money(effectiveHourlyRateMinor, currency()), expertTier);
    }

    /** Not part of the answer: {@code status} says it. */
    @JsonIgnore
    public boolean isPublished() {
        return status == JobStatus.PUBLISHED;
    }

    public String currency() {
        return hourlyRate.currency();
    }
}
