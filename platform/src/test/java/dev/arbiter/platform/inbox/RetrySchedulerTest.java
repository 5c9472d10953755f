package dev.arbiter.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer's transaction retried after a back-off runs again on the consumer's own Vert.x context and event loop,
 * where its Hibernate Reactive session lives, not on the worker thread that waited out the back-off.
 */
class RetrySchedulerTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Where each attempt ran, for an operation that fails twice and then succeeds, retried with the given retry. */
    private static List<Attempt> attempts(Context context, Function<Uni<String>, Uni<String>> retried) throws Exception {
        List<Attempt> seen = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<String> done = new CompletableFuture<>();
        context.runOnContext(ignored -> retried.apply(Uni.createFrom().deferred(() -> {
                    seen.add(new Attempt(Vertx.currentContext(), Context.isOnEventLoopThread(), Thread.currentThread().getName()));
                    return count.incrementAndGet() < 3 ? Uni.createFrom().failure(new IllegalStateException("transient"))
                            : Uni.createFrom().item("applied");
                }))
                .subscribe().with(done::complete, done::completeExceptionally));
        assertEquals("applied", done.get(10, TimeUnit.SECONDS));
        assertEquals(3, seen.size());
        return seen;
    }

    @Test
    void shouldRetryOnTheCallersContextAndEventLoop() throws Exception {
        // a consumer runs on a duplicated context (its own local data, where Panache keeps the session) of an event loop
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
        List<Attempt> seen = attempts(context, uni -> uni.onFailure().retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(50)).withExecutor(RetryScheduler.onCurrentContext()).atMost(5));
        for (Attempt attempt : seen) {
            assertSame(context, attempt.context(), "attempt on " + attempt.thread());
            assertTrue(attempt.onEventLoop(), "attempt on " + attempt.thread());
        }
    }

    @Test
    void shouldShowWhyItIsNeededMutinysOwnBackOffRetriesOnAWorkerThread() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Attempt> seen = attempts(context, uni -> uni.onFailure().retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(50)).atMost(5));
        assertSame(context, seen.get(0).context());
        assertFalse(seen.get(1).onEventLoop(), "Mutiny retried on " + seen.get(1).thread());
        assertFalse(seen.get(2).onEventLoop(), "Mutiny retried on " + seen.get(2).thread());
    }

    @Test
    void shouldCancelAStalledAttemptOnItsOwnContextAndTryAgain() throws Exception {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
        List<Attempt> cancelled = new CopyOnWriteArrayList<>();
        AtomicInteger subscriptions = new AtomicInteger();
        CompletableFuture<String> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            ScheduledExecutorService here = RetryScheduler.onCurrentContext();
            Uni<String> attempt = Uni.createFrom().deferred(() -> subscriptions.incrementAndGet() == 1
                    // the first attempt never answers, like the transaction seen waiting for ever between two statements
                    ? Uni.createFrom().<String>nothing().onCancellation().invoke(() -> cancelled.add(new Attempt(
                            Vertx.currentContext(), Context.isOnEventLoopThread(), Thread.currentThread().getName())))
                    : Uni.createFrom().item("applied"));
            Inbox.withinDeadline(attempt, Duration.ofMillis(200), here, () -> new Inbox.StalledTransaction(Duration.ofMillis(200)))
                    .onFailure(Inbox.StalledTransaction.class).retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(20))
                    .withExecutor(here).atMost(2)
                    .subscribe().with(done::complete, done::completeExceptionally);
        });
        assertEquals("applied", done.get(10, TimeUnit.SECONDS));
        assertEquals(2, subscriptions.get());
        assertEquals(1, cancelled.size());
        // the cancellation (where Hibernate Reactive rolls back and closes the session) ran on the consumer's context
        assertSame(context, cancelled.get(0).context(), "cancelled on " + cancelled.get(0).thread());
        assertTrue(cancelled.get(0).onEventLoop(), "cancelled on " + cancelled.get(0).thread());
    }

    @Test
    void shouldRunEachAttemptOnANewContextThatHoldsNoLeftoverAndAnswerOnTheCallers() throws Exception {
        Context caller = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
        caller.putLocal("session", "left by an earlier attempt");
        List<Context> ranOn = new CopyOnWriteArrayList<>();
        List<Object> leftovers = new CopyOnWriteArrayList<>();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();
        caller.runOnContext(ignored -> {
            Uni<String> attempt = Inbox.onFreshContext(Uni.createFrom().deferred(() -> {
                Context current = Vertx.currentContext();
                ranOn.add(current);
                Object leftover = current.getLocal("session");
                leftovers.add(leftover == null ? "none" : leftover);
                current.putLocal("session", "this attempt's");
                return ranOn.size() < 2 ? Uni.createFrom().failure(new IllegalStateException("transient"))
                        : Uni.createFrom().item("applied");
            }));
            attempt.onFailure().retry().atMost(2).subscribe().with(item -> answeredOn.complete(Vertx.currentContext()),
                    answeredOn::completeExceptionally);
        });
        assertSame(caller, answeredOn.get(10, TimeUnit.SECONDS));
        assertEquals(2, ranOn.size());
        assertEquals(List.of("none", "none"), leftovers);
        assertTrue(ranOn.get(0) != caller && ranOn.get(1) != caller && ranOn.get(0) != ranOn.get(1));
        assertEquals("left by an earlier attempt", caller.getLocal("session"));
    }

    @Test
    void shouldFallBackToMutinysPoolOutsideVertx() {
        assertSame(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool(), RetryScheduler.onCurrentContext());
    }

    private record Attempt(Context context, boolean onEventLoop, String thread) {
    }
}
