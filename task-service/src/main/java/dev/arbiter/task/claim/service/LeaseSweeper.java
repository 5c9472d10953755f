package dev.arbiter.task.claim.service;

import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.session.service.WorkSessions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Returns the slots of expired leases. A claim already takes an expired slot by itself; the periodic
 * sweep makes the slots visible as open and closes the sessions of experts who walked away, from a
 * task or from a review they never decided.
 */
@ApplicationScoped
public class LeaseSweeper {

    private static final int BATCH = 500;

    private final Pool pool;
    private final SlotRepository slots;
    private final TaskRepository tasks;
    private final WorkSessions sessions;

    public LeaseSweeper(Pool pool, SlotRepository slots, TaskRepository tasks, WorkSessions sessions) {
        this.pool = pool;
        this.slots = slots;
        this.tasks = tasks;
        this.sessions = sessions;
    }

    @Scheduled(every = "${arbiter.lease-sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce().chain(() -> pool.withTransaction(tx -> sessions.expireStaleReviews(tx, BATCH))).replaceWithVoid();
    }

    /** Returns up to 500 expired slots; the number returned. */
    public Uni<Integer> sweepOnce() {
        return pool.withTransaction(tx -> slots.sweepExpired(tx, BATCH).chain(expired -> Multi.createFrom().iterable(expired)
                .onItem().transformToUniAndConcatenate(taskId -> LeaseExpiry.expire(tx, taskId, tasks, sessions))
                .collect().asList().map(List::size)));
    }
}
