package dev.arbiter.task.session.service;

import dev.arbiter.task.session.SessionConfig;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Reduces raw keystroke timing to its summaries once it is older than {@code arbiter.sessions.keystroke-retention}
 * (90 days by default): the raw intervals of each batch received before then are dropped, a chunk of
 * batches per transaction, so a large backlog never holds a long transaction or many locks. The events,
 * with each key event's summary, the replayable text and every hash stay: the log still verifies.
 */
@ApplicationScoped
public class KeystrokeRetention {

    /** Chunks one run takes at most; the next run carries on with the rest. */
    static final int MAX_CHUNKS_PER_RUN = 1000;

    private final Pool pool;
    private final SessionBatchRepository batches;
    private final SessionConfig config;

    public KeystrokeRetention(Pool pool, SessionBatchRepository batches, SessionConfig config) {
        this.pool = pool;
        this.batches = batches;
        this.config = config;
    }

    @Scheduled(every = "${arbiter.sessions.keystroke-retention-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return reduceDue(Instant.now()).replaceWithVoid();
    }

    /** Drops the raw timing of every batch received more than the retention before {@code now}; how many batches. */
    public Uni<Integer> reduceDue(Instant now) {
        return chunks(now.minus(config.keystrokeRetention()), 0, 0);
    }

    private Uni<Integer> chunks(Instant cutoff, int done, int chunk) {
        int limit = config.keystrokeRetentionChunk();
        return pool.withTransaction(tx -> batches.dropTimingReceivedBefore(tx, cutoff, limit))
                .chain(n -> n < limit || chunk + 1 >= MAX_CHUNKS_PER_RUN ? Uni.createFrom().item(done + n)
                        : chunks(cutoff, done + n, chunk + 1));
    }
}
