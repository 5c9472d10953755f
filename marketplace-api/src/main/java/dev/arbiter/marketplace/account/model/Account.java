package dev.arbiter.marketplace.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    /** Stored trimmed and lower-cased; unique regardless of case. */
    @Column(nullable = false)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set when an operator disables the account: it can then neither sign in nor refresh its tokens. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** A new account (not yet stored): {@code email} already normalised, {@code displayName} trimmed. */
    public static Account create(String email, String passwordHash, String displayName, Role role) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.email = email;
        account.passwordHash = passwordHash;
        account.displayName = displayName;
        account.role = role;
        account.createdAt = Instant.now();
        return account;
    }
}
