package dev.arbiter.marketplace.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The replicas of one service behind the gateway ({@code arbiter.gateway.tasks-url} and the others take a
 * comma-separated list): each request goes to the next in turn. A replica that refused a connection is
 * skipped for {@link #SKIP_REFUSED}, and the request that met the refusal goes to the next replica, since
 * nothing of it was sent; once a request has reached a replica it is never sent again (a claim or a payment
 * must not happen twice), so a failure after that is the client's 502 as before.
 */
public final class GatewayUpstreams {

    /** How long a replica that refused a connection is left out of the turn. */
    public static final Duration SKIP_REFUSED = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(GatewayUpstreams.class);

    private final String service;
    private final List<URI> urls;
    private final AtomicInteger next = new AtomicInteger();
    /** Per replica: until when (clock nanos) it is skipped; 0 when it is not. */
    private final AtomicLongArray skippedUntil;
    private final LongSupplier clock;

    GatewayUpstreams(String service, List<URI> urls, LongSupplier clock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("No URL for " + service);
        }
        this.service = service;
        this.urls = List.copyOf(urls);
        this.skippedUntil = new AtomicLongArray(urls.size());
        this.clock = clock;
    }

    /**
     * The replicas written in configuration: {@code http://host:port} items separated by commas.
     *
     * @throws IllegalArgumentException naming the setting when an item is empty or not an http URL with a host
     */
    public static GatewayUpstreams parse(String service, String setting, String configured) {
        List<URI> urls = new ArrayList<>();
        for (String item : configured.split(",")) {
            String url = item.strip();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException(setting + " takes the http://host:port of each replica of " + service
                        + ", separated by commas; '" + url + "' is not one (in '" + configured + "')");
            }
            urls.add(uri);
        }
        return new GatewayUpstreams(service, urls, System::nanoTime);
    }

    /** Every replica, in configuration order. */
    public List<URI> urls() {
        return urls;
    }

    /**
     * The replicas in the order this request tries them: starting with the next in turn, those not being
     * skipped first, then the skipped ones (better a try than a certain 502 when all were skipped).
     */
    List<Integer> order() {
        int start = Math.floorMod(next.getAndIncrement(), urls.size());
        long now = clock.getAsLong();
        List<Integer> available = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int index = (start + i) % urls.size();
            long until = skippedUntil.get(index);
            (until != 0 && now - until < 0 ? skipped : available).add(index);
        }
        available.addAll(skipped);
        return available;
    }

    /** A replica refused a connection: leave it out of the turn for a while. */
    void refused(int index) {
        skippedUntil.set(index, clock.getAsLong() + SKIP_REFUSED.toNanos());
    }

    /** A replica accepted a connection: it is in the turn again. */
    void accepted(int index) {
        skippedUntil.set(index, 0);
    }

    /**
     * Opens a request ({@code options} with the replica's host and port set) on the next replica in turn,
     * moving on to the following one only when a connection could not be made.
     */
    public Future<HttpClientRequest> open(HttpClient client, RequestOptions options) {
        return open(client, options, order(), 0);
    }

    private Future<HttpClientRequest> open(HttpClient client, RequestOptions options, List<Integer> order, int attempt) {
        int index = order.get(attempt);
        URI url = urls.get(index);
        options.setHost(url.getHost()).setPort(url.getPort());
        return client.request(options).transform(opened -> {
            if (opened.succeeded()) {
                accepted(index);
                return Future.succeededFuture(opened.result());
            }
            if (!(opened.cause() instanceof ConnectException)) {
                return Future.failedFuture(opened.cause());
            }
            refused(index);
            if (attempt + 1 >= order.size()) {
                return Future.failedFuture(opened.cause());
            }
            LOG.debugf("%s replica %s refused the connection (%s); trying the next", service, url, opened.cause().getMessage());
            return open(client, options, order, attempt + 1);
        });
    }
}
