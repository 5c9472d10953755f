package dev.arbiter.marketplace.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One audited act on an account ({@code account_audit}, append-only): who did it, to whom, when. */
@Entity
@Table(name = "account_audit")
public class AccountAudit {

    /** What was done. */
    public enum Action {
        /** An admin created another admin. */
        ADMIN_CREATED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Column(name = "actor_id", nullable = false)
    public UUID actorId;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @Column(nullable = false)
    public String detail;

    @Column(nullable = false)
    public Instant at;
}
