package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Account;
import dev.arbiter.marketplace.account.model.AccountAudit;
import dev.arbiter.marketplace.account.model.Role;
import dev.arbiter.marketplace.account.repository.AccountAuditRepository;
import dev.arbiter.marketplace.account.repository.AccountRepository;
import dev.arbiter.platform.problem.ApiProblem;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Admins create admins: nobody registers as one, and the decisions that need two admins (an appeal of a
 * confirmed fraud, a payout batch) need a way to have a second. Each creation is written to the
 * append-only {@code account_audit} in the same transaction as the account, naming who created whom.
 */
@ApplicationScoped
public class AdminAccounts {

    private final AccountRepository accounts;
    private final AccountAuditRepository audit;
    private final PasswordHasher hasher;

    public AdminAccounts(AccountRepository accounts, AccountAuditRepository audit, PasswordHasher hasher) {
        this.accounts = accounts;
        this.audit = audit;
        this.hasher = hasher;
    }

    /** Creates another admin; the same email rules (409 if taken, in any case) and password hashing as registration. */
    public Uni<Account> create(UUID creatorId, String email, String password, String displayName) {
        // Hash before the transaction opens: the slow part holds no connection.
        return hasher.hash(password).chain(hash -> persist(creatorId, AccountService.normalizeEmail(email), hash,
                displayName.trim()));
    }

    @WithTransaction
    Uni<Account> persist(UUID creatorId, String email, String passwordHash, String displayName) {
        return accounts.findById(creatorId).chain(creator -> {
            // the token says ADMIN; the account behind it must still exist and be one
            if (creator == null || creator.role != Role.ADMIN) {
                return Uni.createFrom().failure(ApiProblem.forbidden("Only an existing admin account can create admins"));
            }
            return accounts.findByEmail(email);
        }).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblem.conflict("email-taken", "An account with this email already exists"));
            }
            Account account = Account.create(email, passwordHash, displayName, Role.ADMIN);
            return accounts.persistAndFlush(account).call(saved -> audit.persist(audited(creatorId, saved)));
        });
    }

    private static AccountAudit audited(UUID creatorId, Account created) {
        AccountAudit entry = new AccountAudit();
        entry.id = UUID.randomUUID();
        entry.action = AccountAudit.Action.ADMIN_CREATED;
        entry.actorId = creatorId;
        entry.subjectId = created.id;
        entry.detail = "admin " + created.email + " created";
        entry.at = Instant.now();
        return entry;
    }
}
