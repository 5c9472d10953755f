package dev.arbiter.payout.ledger.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "ledger_account")
public class LedgerAccount {

    @Id
    public UUID id;

    @Column(name = "expert_id")
    public UUID expertId;

    @Enumerated(EnumType.STRING)
    public LedgerKind kind;

    public String currency;

    @Column(name = "opened_at")
    public Instant openedAt;
}
