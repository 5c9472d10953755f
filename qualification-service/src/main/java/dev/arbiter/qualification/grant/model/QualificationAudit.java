package dev.arbiter.qualification.grant.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One decision about a qualification: append-only. */
@Entity
@Table(name = "qualification_audit")
public class QualificationAudit {

    @Id
    public UUID id;

    /** The admin or expert behind the decision; null when a rule decided it (quality moves). */
    @Column(name = "actor_id")
    public UUID actorId;

    @Enumerated(EnumType.STRING)
    public StandingAction action;

    @Column(name = "expert_id")
    public UUID expertId;

    public String domain;

    public Integer tier;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    public static QualificationAudit of(UUID actorId, StandingAction action, UUID expertId, String domain, Integer tier,
                                        String reason) {
        QualificationAudit audit = new QualificationAudit();
        audit.id = UUID.randomUUID();
        audit.actorId = actorId;
        audit.action = action;
        audit.expertId = expertId;
        audit.domain = domain;
        audit.tier = tier;
        audit.reason = reason;
        audit.createdAt = Instant.now();
        return audit;
    }
}
