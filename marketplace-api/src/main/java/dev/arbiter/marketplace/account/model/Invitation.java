package dev.arbiter.marketplace.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time code with which a lab member brings a colleague into their organization. */
@Entity
@Table(name = "organization_invitation")
public class Invitation {

    @Id
    public UUID id;

    @Column(name = "organization_id", nullable = false)
    public UUID organizationId;

    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_by")
    public UUID usedBy;

    @Column(name = "used_at")
    public Instant usedAt;
}
