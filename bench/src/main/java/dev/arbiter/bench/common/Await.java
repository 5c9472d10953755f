package dev.arbiter.bench.common;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polls: the benchmark waits for a state, never for a guessed time. */
public final class Await {

    private Await() {
    }

    /** Polls {@code probe} every {@code every} until it returns non-null; fails after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Duration every, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up after " + timeout.toSeconds() + " s waiting for " + what
                        + (last != null ? " (last error: " + last.getMessage() + ")" : ""), last);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
