package dev.arbiter.bench.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code workers} threads each call the operation back to back until a
 * duration has passed or a total count has been started. Each call's latency goes to the
 * recorder; a call that throws counts as an error and is not timed.
 */
public final class LoadLoop {

    /** One request (or unit of work); throws when the system answered wrongly. */
    @FunctionalInterface
    public interface Operation {
        void call() throws Exception;
    }

    private LoadLoop() {
    }

    public static void forDuration(int workers, Duration duration, Operation operation, LatencyRecorder recorder) {
        long deadline = System.nanoTime() + duration.toNanos();
        run(workers, operation, recorder, () -> System.nanoTime() < deadline);
    }

    public static void forCount(int workers, long count, Operation operation, LatencyRecorder recorder) {
        AtomicLong started = new AtomicLong();
        run(workers, operation, recorder, () -> started.getAndIncrement() < count);
    }

    private interface Bound {
        boolean another();
    }

    private static void run(int workers, Operation operation, LatencyRecorder recorder, Bound bound) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        List<Thread> threads = new ArrayList<>();
        long begin = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            LatencyRecorder.Series series = recorder.newSeries();
            Thread t = new Thread(() -> work(operation, series, bound), "load-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        recorder.addElapsed(System.nanoTime() - begin);
    }

    private static void work(Operation operation, LatencyRecorder.Series series, Bound bound) {
        while (bound.another()) {
            long start = System.nanoTime();
            try {
                operation.call();
                series.record(System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                series.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
