package dev.arbiter.task.claim.service;

import dev.arbiter.task.session.WorkSessions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Returns the slots of expired leases. A claim already takes an expired slot by itself; the periodic
 * sweep makes the slots visible as open and closes the sessions of experts who walked away.
 */
@ApplicationScoped
public class LeaseSweeper {

    private static final String SWEEP = """
            with expired as (
                select id, task_id from item_slot
                where state = 'LEASED' and lease_expires_at < now()
                order by lease_expires_at limit 500
                for update skip locked)
            update item_slot s set state = 'OPEN', task_id = null, lease_expires_at = null
            from expired e where s.id = e.id
            returning e.task_id""";

    private final Pool pool;
    private final WorkSessions sessions;

    public LeaseSweeper(Pool pool, WorkSessions sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    @Scheduled(every = "${arbiter.tasks.lease-sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce().replaceWithVoid();
    }

    /** Returns up to 500 expired slots; the number returned. */
    public Uni<Integer> sweepOnce() {
        return pool.withTransaction(tx -> tx.query(SWEEP).execute().chain(rows -> {
            List<UUID> tasks = new ArrayList<>();
            for (Row r : rows) {
                tasks.add(r.getUUID(0));
            }
            return Multi.createFrom().iterable(tasks).onItem().transformToUniAndConcatenate(t -> expire(tx, t))
                    .collect().asList().map(List::size);
        }));
    }

    /** Marks a lease's task expired and closes its session, in the caller's transaction. */
    public Uni<Void> expire(SqlConnection tx, UUID taskId) {
        return tx.preparedQuery("update task set state = 'EXPIRED', updated_at = now() where id = $1 and state = 'LEASED'")
                .execute(Tuple.of(taskId))
                .chain(() -> sessions.close(tx, taskId, "EXPIRED"));
    }
}
