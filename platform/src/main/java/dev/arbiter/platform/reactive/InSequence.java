package dev.arbiter.platform.reactive;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Steps run one after the other (they share a transaction's connection), stack-safe however many there are.
 * <p>
 * A loop of {@code chain = chain.chain(() -> step(item))}, or a recursive {@code chain(() -> next(i + 1))}, nests stack
 * frames per step: at subscription, and again wherever steps complete at once (nothing to write, an event ignored).
 * A few hundred such steps overflowed a Vert.x event loop's stack in bench chaos (the inbox's batch after a Kafka
 * outage); Mutiny dropped the StackOverflowError and the Uni never completed. Mutiny's concatenation runs such steps
 * in a loop instead (InboxSequenceTest: 200,000 steps that complete at once).
 */
public final class InSequence {

    private InSequence() {
    }

    /** {@code step} for each item, in order; the first failure stops it and is the result's. */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
    }
}
