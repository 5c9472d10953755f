package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Account;
import dev.arbiter.marketplace.account.model.Role;
import dev.arbiter.marketplace.account.repository.AccountRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Creates the first admin at first start, from configuration, so that someone can administer. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AccountRepository accounts;
    private final AuthConfig config;
    private final AdminAccountConfig admin;

    public AdminBootstrap(AccountRepository accounts, AuthConfig config, AdminAccountConfig admin) {
        this.accounts = accounts;
        this.config = config;
        this.admin = admin;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        String email = AccountService.normalizeEmail(admin.email());
        String configured = admin.password().filter(p -> !p.isBlank()).orElse(null);
        String password = configured != null ? configured : SecretCodes.newCode().substring(0, 20);
        String hash = BcryptUtil.bcryptHash(password, config.bcryptCost());
        Boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> accounts.findByEmail(email).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(false);
                    }
                    Account account = new Account();
                    account.id = UUID.randomUUID();
                    account.email = email;
                    account.passwordHash = hash;
                    account.displayName = "Administrator";
                    account.role = Role.ADMIN;
                    account.createdAt = Instant.now();
                    return accounts.persist(account).replaceWith(true);
                })));
        if (created) {
            LOG.infof("Bootstrap admin %s created%s", email,
                    configured != null ? " with the configured password" : "; generated password: " + password);
        }
    }
}
