package dev.arbiter.qualification.grant.model;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An expert's current qualification in a domain. */
@Entity
@Table(name = "qualification")
@IdClass(ExpertDomainKey.class)
public class Qualification {

    @Id
    @Column(name = "expert_id")
    public UUID expertId;

    @Id
    public String domain;

    public int tier;

    /** EVIDENCE (earned with stumping questions) or ADMIN_GRANT. */
    public String source;

    @Column(name = "qualified_at")
    public Instant qualifiedAt;
}
