package dev.arbiter.task.job.service;

import dev.arbiter.task.job.rest.JobApi.Comparison;
import dev.arbiter.task.job.rest.JobApi.Dimension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job as stored. */
public record JobRow(UUID id, UUID organizationId, String title, String domain, String instructions, Comparison comparison,
                     List<Dimension> dimensions, int judgmentsPerItem, int minTier, long hourlyRateMinor, String currency,
                     int expectedMinutesPerItem, long budgetMinor, int minRationaleLength, int spotCheckPercent,
                     String status, int items, Instant createdAt) {

    public static final String COLUMNS = "id, organization_id, title, domain, instructions, comparison, dimensions::text, "
            + "judgments_per_item, min_tier, hourly_rate_minor, currency, expected_minutes_per_item, budget_minor, "
            + "min_rationale_length, spot_check_percent, status, item_count, created_at";

    /** The columns qualified by a table alias, for joins. */
    public static String columns(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean isPublished() {
        return "PUBLISHED".equals(status);
    }
}
