package dev.arbiter.task.funding.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The {@code organization_funding} projection: what each organization has deposited, from {@code LabFunded}. The
 * consumer's writes run in the inbox's transaction (Hibernate Reactive's session); publishing reads on the reactive
 * client's transaction.
 */
@ApplicationScoped
public class FundingRepository {

    /**
     * The organization's deposits, its row locked until the transaction ends. A row is made (at 0) for an
     * organization never funded, so that there is always a row to lock: concurrent publishes of one organization
     * wait for each other here.
     */
    public Uni<Long> lockFunded(SqlClient tx, UUID organizationId) {
        return tx.preparedQuery("insert into organization_funding (organization_id) values ($1) on conflict do nothing")
                .execute(Tuple.of(organizationId))
                .chain(() -> tx.preparedQuery("select funded_minor from organization_funding where organization_id = $1 for update")
                        .execute(Tuple.of(organizationId)))
                .map(rows -> rows.iterator().next().getLong("funded_minor"));
    }

    /** Adds a deposit (in the inbox's transaction: applied once per event). */
    public Uni<Void> addDeposit(UUID organizationId, long amountMinor) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into organization_funding (organization_id, funded_minor) values (?1, ?2) "
                                + "on conflict (organization_id) do update set funded_minor = organization_funding.funded_minor "
                                + "+ excluded.funded_minor, updated_at = now()")
                .setParameter(1, organizationId).setParameter(2, amountMinor).executeUpdate()).replaceWithVoid();
    }
}
