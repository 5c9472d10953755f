package dev.arbiter.task.eligibility.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A domain an expert is qualified in, at a tier; it decides which jobs they may claim. */
@Entity
@Table(name = "expert_domain")
@IdClass(ExpertDomainKey.class)
public class ExpertDomain {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    public int tier;

    public String source;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
