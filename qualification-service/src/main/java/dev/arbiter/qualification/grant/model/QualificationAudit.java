package dev.arbiter.qualification.grant.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

    @Column(name = "actor_id")
    public UUID actorId;

    public String action;

    @Column(name = "expert_id")
    public UUID expertId;

    public String domain;

    public Integer tier;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    public static QualificationAudit of(UUID actorId, String action, UUID expertId, String domain, Integer tier,
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
