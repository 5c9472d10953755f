package dev.arbiter.task.domain;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * This service's copy of the platform's one catalog of domains (marketplace-api owns it and announces
 * additions with {@code DomainAdded}): the domains a job may name. Read on each job creation (a table of a
 * few rows), so every replica knows a domain as soon as one of them has applied its event.
 */
@ApplicationScoped
public class DomainCatalog {

    private final Pool pool;

    public DomainCatalog(Pool pool) {
        this.pool = pool;
    }

    /** The keys, in order. */
    public Uni<List<String>> keys() {
        return pool.query("select key from domain_catalog order by key").execute().map(rows -> {
            List<String> keys = new ArrayList<>(rows.size());
            for (Row r : rows) {
                keys.add(r.getString("key"));
            }
            return keys;
        });
    }

    /** Adds a domain announced by marketplace-api, in the consumer's session; nothing when it is known already. */
    public Uni<Void> add(String key, String name) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into domain_catalog (key, name) values (?1, ?2) on conflict (key) do nothing")
                .setParameter(1, key).setParameter(2, name).executeUpdate()).replaceWithVoid();
    }
}
