package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Account;
import dev.arbiter.marketplace.account.model.Role;
import dev.arbiter.marketplace.account.repository.AccountRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
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

    public AdminBootstrap(AccountRepository accounts, AuthConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        String email = AccountService.normalizeEmail(config.admin().email());
        String configured = config.admin().password().filter(p -> !p.isBlank()).orElse(null);
        String password = configured != null ? configured : SecretCodes.newCode().substring(0, 20);
        String hash = BcryptUtil.bcryptHash(password, config.auth().bcryptCost());
        Boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> accounts.findByEmail(email).chain(existing -> {
                    if (existing != null) {
                        return io.smallrye.mutiny.Uni.createFrom().item(false);
                    }
                    Account admin = new Account();
                    admin.id = UUID.randomUUID();
                    admin.email = email;
                    admin.passwordHash = hash;
                    admin.displayName = "Administrator";
                    admin.role = Role.ADMIN;
                    admin.createdAt = Instant.now();
                    return accounts.persist(admin).replaceWith(true);
                })));
        if (created) {
            LOG.infof("Bootstrap admin %s created%s", email,
                    configured != null ? " with the configured password" : "; generated password: " + password);
        }
    }
}
