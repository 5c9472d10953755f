package dev.arbiter.payout.pay.service;

import java.time.Instant;
import java.util.UUID;

/** One session's pay line (a session_pay row) as the flows need it. */
public record SessionLine(UUID sessionId, UUID expertId, UUID jobId, UUID organizationId, UUID judgmentId, String kind,
                          long amountMinor, long fromReservationMinor, long fromClearingMinor, PayStage stage,
                          Instant accruedAt) {

    public static final String COLUMNS = "session_id, expert_id, job_id, organization_id, judgment_id, kind, amount_minor, "
            + "from_reservation_minor, from_clearing_minor, stage, accrued_at";

    public boolean isReview() {
        return "REVIEW".equals(kind);
    }

    /** Reads a row selected with {@link #COLUMNS}, in that order. */
    static SessionLine of(Object[] row) {
        int i = 0;
        return new SessionLine((UUID) row[i++], (UUID) row[i++], (UUID) row[i++], (UUID) row[i++], (UUID) row[i++],
                (String) row[i++], ((Number) row[i++]).longValue(), ((Number) row[i++]).longValue(),
                ((Number) row[i++]).longValue(), PayStage.valueOf((String) row[i++]), SqlTimes.instant(row[i]));
    }
}
