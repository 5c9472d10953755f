package dev.arbiter.marketplace.account.repository;

import dev.arbiter.marketplace.account.model.Account;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByEmail(String normalizedEmail) {
        return find("email", normalizedEmail).firstResult();
    }
}
