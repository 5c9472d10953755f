package dev.arbiter.marketplace.account.repository;

import dev.arbiter.marketplace.account.model.AccountAudit;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AccountAuditRepository implements PanacheRepositoryBase<AccountAudit, UUID> {
}
