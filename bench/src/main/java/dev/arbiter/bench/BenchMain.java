package dev.arbiter.bench;

import dev.arbiter.bench.common.BenchOptions;
import dev.arbiter.bench.common.Benchmark;
import dev.arbiter.bench.common.StackTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code java -jar bench/target/arbiter-bench.jar <name> [options]}, from the repository root.
 * Without a name, lists the benchmarks.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<Benchmark> benchmarks = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(benchmarks::add);
        benchmarks.sort(Comparator.comparing(Benchmark::name));
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(list(benchmarks));
            return;
        }
        Benchmark benchmark = benchmarks.stream().filter(b -> b.name().equals(args[0])).findFirst().orElse(null);
        if (benchmark == null) {
            System.err.println("No benchmark named " + args[0] + System.lineSeparator() + list(benchmarks));
            System.exit(2);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.flag("help")) {
            System.out.println(usage(benchmark));
            return;
        }
        System.exit(run(benchmark, options));
    }

    private static int run(Benchmark benchmark, BenchOptions options) {
        try (StackTarget target = benchmark.needsStack() ? StackTarget.open(options) : StackTarget.none(options)) {
            try {
                benchmark.run(target, options);
            } catch (Exception | Error e) {
                target.markFailed();
                System.err.println();
                System.err.println("Benchmark " + benchmark.name() + " failed: " + e);
                e.printStackTrace();
                if (target.logDir() != null) {
                    System.err.println("Service logs: " + target.logDir());
                }
                return 1;
            }
            if (!options.unused().isEmpty()) {
                System.err.println("[bench] warning: options not used by " + benchmark.name() + ": " + options.unused());
            }
            return 0;
        } catch (Exception e) {
            System.err.println("Could not run " + benchmark.name() + ": " + e.getMessage());
            return 1;
        }
    }

    private static String list(List<Benchmark> benchmarks) {
        StringBuilder b = new StringBuilder("usage: java -jar bench/target/arbiter-bench.jar <name> [options]   (from the repository root)\n");
        b.append("       java -jar bench/target/arbiter-bench.jar <name> --help\n\nbenchmarks:\n");
        benchmarks.forEach(bm -> b.append(String.format("  %-14s %s%n", bm.name(), bm.description())));
        return b.toString();
    }

    private static String usage(Benchmark benchmark) {
        return "usage: java -jar bench/target/arbiter-bench.jar " + benchmark.name() + " [options]\n"
                + benchmark.description() + "\n\noptions:\n" + benchmark.options() + "\n" + StackTarget.OPTIONS;
    }
}
