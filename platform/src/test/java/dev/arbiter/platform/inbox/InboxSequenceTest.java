package dev.arbiter.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch's events are applied one after the other without the stack growing with the batch: after a Kafka outage a
 * consumer got hundreds of redelivered events whose step completes at once, the old recursive chain overflowed the
 * event loop's stack, and the batch never completed (bench chaos).
 */
class InboxSequenceTest {

    private static final int BACKLOG = 200_000;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T onEventLoop(java.util.function.Supplier<Uni<T>> work) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(done::complete, done::completeExceptionally);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    @Test
    void shouldApplyAHugeBacklogOfStepsThatCompleteAtOnceInOrder() throws Exception {
        List<Integer> items = IntStream.range(0, BACKLOG).boxed().toList();
        List<Integer> applied = new ArrayList<>();
        onEventLoop(() -> Inbox.inSequence(items, i -> {
            applied.add(i);
            return Uni.createFrom().voidItem();
        }).replaceWith("done"));
        assertEquals(items, applied);
    }

    @Test
    void shouldStopAtTheFirstFailure() {
        List<Integer> applied = new ArrayList<>();
        Exception failure = assertThrows(Exception.class, () -> onEventLoop(() -> Inbox.inSequence(List.of(1, 2, 3, 4), i -> {
            applied.add(i);
            return i == 2 ? Uni.createFrom().failure(new IllegalStateException("step 2 fails")) : Uni.createFrom().voidItem();
        }).replaceWith("done")));
        assertTrue(failure.getMessage().contains("step 2 fails"), failure.toString());
        assertEquals(List.of(1, 2), applied);
    }

    @Test
    void shouldShowWhatTheOldRecursiveChainDidWithTheSameBacklog() {
        // the shape Inbox had: each step chained to the next by recursion; with steps that complete at once it never
        // answers normally (Mutiny reports the StackOverflowError as dropped, or it reaches the subscriber)
        assertThrows(Exception.class, () -> onEventLoopWithin(() -> recursive(0).replaceWith("done")));
    }

    private static Uni<Void> recursive(int index) {
        return index == BACKLOG ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().chain(() -> recursive(index + 1));
    }

    private static <T> T onEventLoopWithin(java.util.function.Supplier<Uni<T>> work) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(done::complete, done::completeExceptionally);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
