package dev.arbiter.marketplace.qualification.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The tier an expert holds in a domain, as decided by qualification-service. A revoked standing stays as
 * a tombstone (no tier) with the version of its revocation.
 */
@Entity
@Table(name = "expert_qualification")
@IdClass(ExpertDomainKey.class)
public class ExpertQualification {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    /** null once revoked. */
    public Integer tier;

    public String source;

    /** The version of the standing event applied last (0 for events from before versions). */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
