package dev.arbiter.payout.ledger.model;

import java.util.Objects;
import java.util.UUID;

/** An account named by its kind and owner (the expert, organization or job; none for the platform's). */
public record AccountRef(LedgerKind kind, UUID owner) {

    public AccountRef {
        Objects.requireNonNull(kind, "kind");
        if ((kind.owner() == LedgerKind.Owner.NONE) != (owner == null)) {
            throw new IllegalArgumentException(kind + (owner == null ? " needs an owner" : " has no owner"));
        }
    }

    public static AccountRef expert(LedgerKind kind, UUID expertId) {
        if (kind.owner() != LedgerKind.Owner.EXPERT) {
            throw new IllegalArgumentException(kind + " is not an expert's account");
        }
        return new AccountRef(kind, Objects.requireNonNull(expertId, "expertId"));
    }

    public static AccountRef lab(UUID organizationId) {
        return new AccountRef(LedgerKind.LAB_BALANCE, Objects.requireNonNull(organizationId, "organizationId"));
    }

    public static AccountRef reservation(UUID jobId) {
        return new AccountRef(LedgerKind.JOB_RESERVATION, Objects.requireNonNull(jobId, "jobId"));
    }

    public static AccountRef platform(LedgerKind kind) {
        return new AccountRef(kind, null);
    }
}
