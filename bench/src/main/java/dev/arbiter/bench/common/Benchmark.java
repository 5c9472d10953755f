package dev.arbiter.bench.common;

/**
 * One runnable benchmark. Implementations are listed in
 * {@code META-INF/services/dev.arbiter.bench.common.Benchmark} and run by name:
 * {@code java -jar bench/target/arbiter-bench.jar <name> [options]}.
 *
 * <p>A benchmark prints figures and ratios against a baseline measured in the same run. It never
 * asserts on time; it fails only when the system under test answered wrongly (lost events, errors).
 */
public interface Benchmark {

    /** The command-line name, e.g. {@code gateway}. */
    String name();

    /** One line for the list printed when no name is given. */
    String description();

    /** The benchmark's own options, one per line ({@code --workers N  (16)  ...}). */
    String options();

    /**
     * Whether it runs against a stack; one that starts only what it measures (its own PostgreSQL, say) says no,
     * and gets a target with no stack.
     */
    default boolean needsStack() {
        return true;
    }

    /** Runs against {@code target} and prints to {@code System.out}. */
    void run(StackTarget target, BenchOptions options) throws Exception;
}
