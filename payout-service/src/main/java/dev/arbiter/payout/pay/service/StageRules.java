package dev.arbiter.payout.pay.service;

import java.time.Duration;
import java.time.Instant;

/**
 * Which stage a session line moves to, for each thing that can happen to it. Pure: the flows ask, then move
 * the money. A line is PENDING until its judgment is decided (accepted or rejected: the pay is hourly, not per
 * accepted item) or until the configured days pass; a REVIEW session's work is the decision itself, so it is
 * decided from the start. A flagged session is HELD; cleared releases it; confirmed fraud forfeits it.
 */
public final class StageRules {

    /** The review decisions payout-service knows (REVISE decides nothing: the judgment comes back). */
    public enum Decision { ACCEPT, REJECT, REVISE }

    private StageRules() {
    }

    /** Whether the line's judgment is decided: a review session always is; otherwise an ACCEPT or a REJECT. */
    public static boolean decided(boolean reviewSession, Decision decision) {
        return reviewSession || decision == Decision.ACCEPT || decision == Decision.REJECT;
    }

    /** The first stage of a finalised session: HELD when flagged, else PAYABLE when decided, else PENDING. */
    public static PayStage onAccrual(boolean flagged, boolean decided) {
        if (flagged) {
            return PayStage.HELD;
        }
        return decided ? PayStage.PAYABLE : PayStage.PENDING;
    }

    /** A review decision on the line's judgment: a PENDING line becomes PAYABLE on ACCEPT or REJECT. */
    public static PayStage onDecision(PayStage current, Decision decision) {
        return current == PayStage.PENDING && decided(false, decision) ? PayStage.PAYABLE : current;
    }

    /** An admin cleared the session (or overturned a confirmation on appeal): HELD or FORFEITED lines are released. */
    public static PayStage onCleared(PayStage current, boolean decided) {
        if (current == PayStage.HELD || current == PayStage.FORFEITED) {
            return decided ? PayStage.PAYABLE : PayStage.PENDING;
        }
        return current;
    }

    /**
     * Confirmed fraud voids the session's pay: a line still on the platform's books (pending, held, or payable and in
     * no batch) goes back to the lab. Money in a batch or paid has left the expert's reach here: it is not clawed back.
     */
    public static PayStage onFraudConfirmed(PayStage current) {
        return current == PayStage.HELD || current == PayStage.PENDING || current == PayStage.PAYABLE ? PayStage.FORFEITED : current;
    }

    /** Time passing: a PENDING line accrued at least {@code payableAfterDays} ago becomes PAYABLE. */
    public static PayStage onAge(PayStage current, Instant accruedAt, Instant now, int payableAfterDays) {
        boolean old = !accruedAt.plus(Duration.ofDays(payableAfterDays)).isAfter(now);
        return current == PayStage.PENDING && old ? PayStage.PAYABLE : current;
    }
}
