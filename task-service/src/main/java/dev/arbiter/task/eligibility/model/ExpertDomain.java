package dev.arbiter.task.eligibility.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A domain an expert is qualified in, at a tier, as qualification-service last announced it; it decides
 * which jobs they may claim. A revoked standing stays as a tombstone (no tier), keeping its version.
 */
@Entity
@Table(name = "expert_domain")
@IdClass(ExpertDomainKey.class)
public class ExpertDomain {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    /** null once revoked: every eligibility join ({@code d.tier >= j.min_tier}) then leaves the expert out. */
    public Integer tier;

    public String source;

    /** The version of the standing event applied last (0 for events from before versions). */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
