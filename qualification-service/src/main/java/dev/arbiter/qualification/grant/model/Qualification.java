package dev.arbiter.qualification.grant.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An expert's standing in a domain: the tier they hold, what it rests on, and the version of its
 * latest change. A revoked standing keeps its row with no tier, so its version keeps counting.
 */
@Entity
@Table(name = "qualification")
@IdClass(ExpertDomainKey.class)
public class Qualification {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    /** 1..3; null once revoked. */
    public Integer tier;

    @Enumerated(EnumType.STRING)
    public StandingSource source;

    /** When the current tier was set. */
    @Column(name = "qualified_at")
    public Instant qualifiedAt;

    /** 1, 2, 3… per change of this standing; 0 for a standing last changed before versions existed. */
    public long version;

    /** task-service's decided-judgment count when the tier last changed (the quality evidence baseline). */
    @Column(name = "judgments_at_last_move")
    public int judgmentsAtLastMove;

    public boolean isHeld() {
        return tier != null;
    }
}
