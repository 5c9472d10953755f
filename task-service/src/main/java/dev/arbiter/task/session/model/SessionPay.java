package dev.arbiter.task.session.model;

import dev.arbiter.task.job.model.Job;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a session pays by, fixed when it opens: the job's rate and currency, its expected minutes (the cap), and the
 * expert's tier in the job's domain (the task's tier for a claim or revision, the reviewer's own for a QA review).
 */
public record SessionPay(UUID jobId, UUID organizationId, long hourlyRateMinor, String currency,
                         int expectedMinutesPerItem, int tier) {

    public static SessionPay of(Job job, int tier) {
        return new SessionPay(job.id(), job.organizationId(), job.hourlyRate().amountMinor(), job.currency(),
                job.expectedMinutesPerItem(), tier);
    }

    /** A multiplier in basis points (10000 = 1.0) as the API writes it: 1.0, 1.25, 1.5 (at least one decimal). */
    public static BigDecimal multiplier(int basisPoints) {
        BigDecimal m = BigDecimal.valueOf(basisPoints, 4).stripTrailingZeros();
        return m.setScale(Math.max(1, m.scale()));
    }
}
