package dev.arbiter.simulator.http;

import com.sun.net.httpserver.HttpExchange;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends responses later without holding a thread meanwhile: a timer fires after the simulated
 * latency and hands the write to the HTTP pool, so hundreds of slow requests cost no threads.
 * Hung requests are parked the same way until the hang timeout, or dropped on {@link #close()}.
 */
public final class DelayedResponder implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final Executor writers;
    private final Duration hangTimeout;
    private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();

    public DelayedResponder(ScheduledExecutorService timer, Executor writers, Duration hangTimeout) {
        this.timer = timer;
        this.writers = writers;
        this.hangTimeout = hangTimeout;
    }

    void sendAfter(HttpExchange exchange, JsonResponse response, long delayMillis) {
        if (delayMillis <= 0) {
            response.send(exchange);
            return;
        }
        try {
            timer.schedule(() -> write(exchange, response), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            exchange.close();
        }
    }

    /** Never answers before the hang timeout; then a 504, so no connection is leaked forever. */
    void hold(HttpExchange exchange, String model) {
        held.add(exchange);
        try {
            timer.schedule(() -> {
                if (held.remove(exchange)) {
                    write(exchange, OpenAiErrors.hangElapsed(model));
                }
            }, hangTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            held.remove(exchange);
            exchange.close();
        }
    }

    private void write(HttpExchange exchange, JsonResponse response) {
        try {
            writers.execute(() -> response.send(exchange));
        } catch (RejectedExecutionException shuttingDown) {
            exchange.close();
        }
    }

    /** Stops the timer and closes the connections of held requests, which clients see as a reset. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (HttpExchange exchange : held) {
            if (held.remove(exchange)) {
                exchange.close();
            }
        }
    }
}
