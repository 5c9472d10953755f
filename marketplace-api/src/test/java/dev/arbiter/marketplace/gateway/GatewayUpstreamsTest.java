package dev.arbiter.marketplace.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Requests take turns over a service's replicas, and one that refuses connections is left out for a while. */
class GatewayUpstreamsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private GatewayUpstreams three() {
        return new GatewayUpstreams("task-service", List.of(URI.create("http://localhost:1"),
                URI.create("http://localhost:2"), URI.create("http://localhost:3")), now::get);
    }

    @Test
    void shouldTakeTurns() {
        GatewayUpstreams replicas = three();
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(replicas.order().get(0));
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2), firsts);
        assertEquals(List.of(0, 1, 2), replicas.order(), "after the first in turn, the others follow in order");
        assertEquals(List.of(1, 2, 0), replicas.order());
    }

    @Test
    void shouldLeaveARefusingReplicaLastUntilItsSkipEnds() {
        GatewayUpstreams replicas = three();
        replicas.refused(1);
        assertEquals(List.of(0, 2, 1), replicas.order());
        assertEquals(List.of(2, 0, 1), replicas.order(), "skipped, it is tried only after all the others");
        assertEquals(List.of(2, 0, 1), replicas.order());
        now.addAndGet(GatewayUpstreams.SKIP_REFUSED.toNanos() + 1);
        assertEquals(List.of(0, 1, 2), replicas.order(), "back in turn once the skip is over");

        replicas.refused(2);
        replicas.accepted(2);
        assertEquals(List.of(1, 2, 0), replicas.order(), "a replica that accepted a connection is in turn at once");
    }

    @Test
    void shouldRefuseASettingThatIsNotAListOfHttpUrlsNamingIt() {
        assertEquals(List.of(URI.create("http://a:1"), URI.create("http://b:2")),
                GatewayUpstreams.parse("task-service", "arbiter.gateway.tasks-url", " http://a:1 ,http://b:2").urls());
        for (String bad : new String[] {"", "http://a:1,,http://b:2", "a:1", "ftp://a:1", "http://a:1,not a url"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GatewayUpstreams.parse("task-service", "arbiter.gateway.tasks-url", bad), bad);
            assertTrue(e.getMessage().startsWith("arbiter.gateway.tasks-url takes the http://host:port of each replica of task-service"),
                    e.getMessage());
        }
    }

    @Test
    void shouldSendARequestToTheNextReplicaOnlyWhenTheConnectionWasRefused() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger served = new AtomicInteger();
            HttpServer live = vertx.createHttpServer().requestHandler(r -> {
                served.incrementAndGet();
                r.response().end("live");
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int dead;
            try (ServerSocket closed = new ServerSocket(0)) {
                dead = closed.getLocalPort();
            }
            GatewayUpstreams replicas = new GatewayUpstreams("task-service", List.of(URI.create("http://127.0.0.1:" + dead),
                    URI.create("http://127.0.0.1:" + live.actualPort())), System::nanoTime);
            HttpClient client = vertx.createHttpClient();
            for (int i = 0; i < 4; i++) {
                String body = replicas.open(client, new RequestOptions().setMethod(HttpMethod.GET).setURI("/claim"))
                        .compose(request -> request.send().compose(HttpClientResponse::body))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
                assertEquals("live", body, "request " + i);
            }
            assertEquals(4, served.get(), "each request reached the live replica exactly once");
            assertEquals(List.of(1, 0), replicas.order(), "the refusing replica is left for last");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
