package dev.arbiter.payout.ledger.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An expert this service can pay: opened when the expert registers. */
@Entity
@Table(name = "expert_payee")
public class ExpertPayee {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    public String currency;

    @Column(name = "opened_at")
    public Instant openedAt;
}
