package dev.arbiter.payout.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.payout.ledger.repository.LedgerQueries;
import dev.arbiter.testsupport.ArbiterInfraResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.List;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Hibernate 7.2 never finds a native query in its query plan cache: every call would add an entry under the SQL's hash,
 * up to the cache's bound, and each later lookup walks them (see platform's configuration). The cache is off, so running
 * the same native queries again and again leaves no plan per call behind, and they still answer.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class NativeQueryPlanCacheTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    LedgerQueries queries;

    @Test
    void shouldKeepNoPlanForNativeQueriesRunAgainAndAgain() throws Throwable {
        QueryInterpretationCache cache = interpretationCache();
        UUID nobody = UUID.randomUUID();

        for (int i = 0; i < 300; i++) {
            List<Object[]> balances = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> queries.balancesOf(nobody)));
            List<Object[]> entries = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> queries.recentEntriesOf(nobody, 10)));
            assertEquals(0, balances.size() + entries.size(), "an expert with no accounts has no balances and no entries");
        }

        // Size 0: an entry may stand until the cache's next maintenance (Caffeine evicts on its own executor), never one
        // per call as when each call added a plan it never found again (600 here).
        long kept = cache.getNumberOfCachedQueryPlans();
        assertTrue(kept <= 4, "600 native queries left " + kept + " plans in the cache");
    }

    /** The reactive session factory's Hibernate ORM factory (its one field of that type: Hibernate Reactive has no getter). */
    private QueryInterpretationCache interpretationCache() throws IllegalAccessException {
        Object factory = ClientProxy.unwrap(sessions);
        for (Field field : factory.getClass().getDeclaredFields()) {
            if (SessionFactoryImplementor.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return ((SessionFactoryImplementor) field.get(factory)).getQueryEngine().getInterpretationCache();
            }
        }
        throw new AssertionError("no Hibernate ORM session factory inside " + factory.getClass());
    }
}
