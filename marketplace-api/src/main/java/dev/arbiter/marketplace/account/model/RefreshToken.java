package dev.arbiter.marketplace.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** All tokens descended from one login; revoked together when reuse is detected. */
    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    /** When this token stops working: its own lifetime, never past its family's. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The absolute end of the sign-in this token descends from; rotation copies it, never extends it. */
    @Column(name = "family_expires_at", nullable = false)
    public Instant familyExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
