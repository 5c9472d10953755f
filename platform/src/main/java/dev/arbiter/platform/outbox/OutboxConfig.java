package dev.arbiter.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay moves committed events to Kafka. */
@ConfigMapping(prefix = "arbiter.outbox")
public interface OutboxConfig {

    /** Whether this instance relays at all (every replica may; rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** How long the relay waits when it found nothing to send. Bounds the idle part of event latency. */
    @WithDefault("20ms")
    Duration pollInterval();

    /** Rows claimed and sent per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for Kafka to acknowledge a batch before it rolls back and retries. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** The pause after a failed batch (Kafka or the database unreachable). */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long published rows are kept for audit before they are pruned. */
    @WithDefault("7d")
    Duration retention();
}
