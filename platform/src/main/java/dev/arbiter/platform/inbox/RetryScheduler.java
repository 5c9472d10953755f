package dev.arbiter.platform.inbox;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import io.vertx.core.Vertx;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where a retry after a back-off runs. Mutiny waits out the back-off on its worker pool and, left alone, subscribes
 * again there: the retried transaction then runs on a worker thread, outside the Vert.x context that owns the
 * consumer's Hibernate Reactive session. Under a PostgreSQL restart followed by a Kafka outage (bench chaos), that is
 * how a consumer's transaction was left idle in the middle, holding its row locks, while the other consumers of the
 * service queued behind them: payout-service stopped applying task events until restarted. This scheduler waits on
 * the same pool but runs the retry back on the caller's Vert.x context (the consumer's own event loop).
 */
final class RetryScheduler {

    private RetryScheduler() {
    }

    /**
     * A scheduler that resubscribes on the calling thread's Vert.x context; Mutiny's default (a worker thread) when
     * there is no such context (a caller outside Vert.x, where no session is bound to a context either).
     */
    static ScheduledExecutorService onCurrentContext() {
        ScheduledExecutorService pool = Infrastructure.getDefaultWorkerPool();
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null) {
            return pool;
        }
        return ContextAwareScheduler.delegatingTo(pool).withContext(io.vertx.mutiny.core.Context.newInstance(context));
    }
}
