package dev.arbiter.bench.sessions;

import dev.arbiter.bench.common.Await;
import dev.arbiter.bench.common.LatencyRecorder;
import dev.arbiter.bench.common.LatencyStats;
import dev.arbiter.bench.common.LoadLoop;
import dev.arbiter.bench.sessions.SessionsBenchmark.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the sessions' batches to {@code POST /api/sessions/{id}/events}. An answer counts only when it
 * is 202 with {@code "duplicate":false}: every batch sent is new, so anything else is a wrong answer.
 */
final class IngestionLoad {

    /** Events' {@code t} start past the hour the sessions were moved back, so they are never ahead of the server. */
    private static final long T0 = 3_600_000L;

    /** Where batches and the floor's GET go: the gateway (the public path) or task-service itself. */
    private final String base;
    private final List<Session> sessions;
    private final HttpClient client;
    private final AtomicReference<String> firstError;
    private final long started = System.currentTimeMillis();

    IngestionLoad(String base, List<Session> sessions) {
        this.base = base;
        this.sessions = sessions;
        this.firstError = new AtomicReference<>();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
    }

    /** Open loop: each session sends its next batch every {@code period}, the sessions spread evenly over it. */
    LatencyStats paced(Duration period, Duration duration) throws Exception {
        int expected = (int) (sessions.size() * (duration.toMillis() / period.toMillis() + 1));
        long[] samples = new long[expected + sessions.size()];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        long begin = System.nanoTime();
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            long offset = period.toMillis() * i / sessions.size();
            ticker.scheduleAtFixedRate(() -> {
                inFlight.incrementAndGet();
                long t0 = System.nanoTime();
                client.sendAsync(request(s), HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
                    long took = System.nanoTime() - t0;
                    if (failure == null && accepted(r)) {
                        int at = recorded.getAndIncrement();
                        if (at < samples.length) {
                            samples[at] = took;
                        }
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure != null ? failure.toString() : r.statusCode() + " " + r.body());
                    }
                    inFlight.decrementAndGet();
                });
            }, offset, period.toMillis(), TimeUnit.MILLISECONDS);
        }
        Thread.sleep(duration.toMillis()); // the run's length: the ticker sends meanwhile
        ticker.shutdownNow();
        Await.until("the last batches' answers", Duration.ofSeconds(60), Duration.ofMillis(50),
                () -> inFlight.get() == 0 ? Boolean.TRUE : null);
        long elapsed = System.nanoTime() - begin;
        long[] taken = Arrays.copyOf(samples, Math.min(recorded.get(), samples.length));
        return LatencyStats.ofNanos(taken, errors.get(), elapsed);
    }

    /** Closed loop: {@code workers} threads send the sessions' next batches back to back, round robin over the sessions. */
    LatencyStats maxRate(int workers, Duration duration) {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong next = new AtomicLong();
        LoadLoop.forDuration(workers, duration, () -> {
            Session s = sessions.get((int) (next.getAndIncrement() % sessions.size()));
            HttpResponse<String> r = client.send(request(s), HttpResponse.BodyHandlers.ofString());
            if (!accepted(r)) {
                firstError.compareAndSet(null, r.statusCode() + " " + r.body());
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
        }, recorder);
        return recorder.stats();
    }

    /** The HTTP floor: the simplest authenticated GET of task-service, same workers, same tokens, same time. */
    LatencyStats floor(int workers, Duration duration) {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong next = new AtomicLong();
        LoadLoop.forDuration(workers, duration, () -> {
            Session s = sessions.get((int) (next.getAndIncrement() % sessions.size()));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/tasks/eligibility"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + s.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
        }, recorder);
        return recorder.stats();
    }

    String firstError() {
        return firstError.get();
    }

    private HttpRequest request(Session s) {
        int seq = s.nextSeq().getAndIncrement();
        long t = T0 + System.currentTimeMillis() - started - 2_000;
        return HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + s.id() + "/events"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + s.token())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WorkbenchBatches.batch(seq, Math.max(0, t)))).build();
    }

    private static boolean accepted(HttpResponse<String> r) {
        return r.statusCode() == 202 && r.body().contains("\"duplicate\":false");
    }

    /** The same sessions, their {@code seq} counters and the same client, sent to another address. */
    IngestionLoad to(String otherBase) {
        return new IngestionLoad(otherBase, sessions, client, firstError);
    }

    private IngestionLoad(String base, List<Session> sessions, HttpClient client, AtomicReference<String> firstError) {
        this.base = base;
        this.sessions = sessions;
        this.client = client;
        this.firstError = firstError;
    }

    /** The executor of the HTTP client; stopped when the benchmark ends. */
    void close() {
        client.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
    }
}
