package dev.arbiter.payout.ledger.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One balanced movement of money, the only shape in which money moves: what it is, what caused it, and two or
 * more legs whose signed amounts sum to zero. Checked here, before any SQL, and again by the database at commit.
 */
public record Posting(PostingKind kind, Cause cause, String description, List<Leg> legs) {

    public static final int MAX_DESCRIPTION = 500;

    public Posting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("a posting is described in 1 to " + MAX_DESCRIPTION + " characters");
        }
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a posting has at least two legs, not " + legs.size());
        }
        long sum = 0;
        for (Leg leg : legs) {
            sum = Math.addExact(sum, leg.amountMinor());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("a posting's legs must sum to zero, these sum to " + sum);
        }
    }

    /** A two-legged posting: {@code amountMinor} (> 0) leaves {@code from} and arrives on {@code to}. */
    public static Posting transfer(PostingKind kind, Cause cause, String description, AccountRef from, AccountRef to,
                                   long amountMinor) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount, not " + amountMinor);
        }
        return new Posting(kind, cause, description, List.of(new Leg(from, -amountMinor), new Leg(to, amountMinor)));
    }

    /** One account's side: positive raises its balance, negative lowers it; never zero. */
    public record Leg(AccountRef account, long amountMinor) {
        public Leg {
            Objects.requireNonNull(account, "account");
            if (amountMinor == 0) {
                throw new IllegalArgumentException("a leg of zero moves nothing");
            }
        }
    }

    /** What moved the money: at least one of a session, a payout batch, a funding or a job. */
    public record Cause(UUID sessionId, UUID batchId, UUID fundingId, UUID jobId) {
        public Cause {
            if (sessionId == null && batchId == null && fundingId == null && jobId == null) {
                throw new IllegalArgumentException("a posting names its cause");
            }
        }

        public static Cause session(UUID sessionId, UUID jobId) {
            return new Cause(Objects.requireNonNull(sessionId), null, null, jobId);
        }

        public static Cause funding(UUID fundingId) {
            return new Cause(null, null, Objects.requireNonNull(fundingId), null);
        }

        public static Cause job(UUID jobId) {
            return new Cause(null, null, null, Objects.requireNonNull(jobId));
        }

        public static Cause batch(UUID batchId) {
            return new Cause(null, Objects.requireNonNull(batchId), null, null);
        }
    }
}
