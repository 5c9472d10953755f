package dev.arbiter.bench.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Polls every replica's readiness ({@code /q/health/ready} on its management port) four times a second and keeps
 * each change (UP to DOWN and back) with when it happened and in which phase: how a fault looked from outside.
 */
final class HealthWatch implements AutoCloseable {

    record Change(String replica, boolean ready, double atSeconds, String phase) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%7.1f s  %-24s %s  (%s)", atSeconds, replica, ready ? "ready" : "NOT READY", phase);
        }
    }

    private final Map<String, String> urls;
    private final Supplier<String> phase;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Boolean> last = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean stop;

    /** {@code urls}: replica label → its readiness URL. */
    HealthWatch(Map<String, String> urls, Supplier<String> phase) {
        this.urls = urls;
        this.phase = phase;
        this.thread = new Thread(this::loop, "health-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stop) {
            urls.forEach((replica, url) -> {
                boolean ready = ready(url);
                synchronized (this) {
                    Boolean before = last.put(replica, ready);
                    if (before == null || before != ready) {
                        changes.add(new Change(replica, ready, (System.nanoTime() - started) / 1e9, phase.get()));
                    }
                }
            });
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean ready(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    synchronized boolean allReady() {
        return last.size() == urls.size() && last.values().stream().allMatch(b -> b);
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The changes after the first observation of each replica (those are the start, not a fault). */
    synchronized List<Change> transitions() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (seen.put(c.replica(), c.ready()) != null) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
