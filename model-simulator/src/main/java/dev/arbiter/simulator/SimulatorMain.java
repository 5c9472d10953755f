package dev.arbiter.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar arbiter-model-simulator.jar --port N --knowledge FILE [--faults FILE]
 * [--judge-model NAME] [--host ADDR] [--seed N]}. Prints "Listening on BASE_URL" once serving
 * and runs until stopped (SIGINT/SIGTERM).
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Arbiter model simulator: an OpenAI-compatible server of SIMULATED models (not a real LLM).",
            "usage: java -jar arbiter-model-simulator.jar --knowledge FILE [options]",
            "  --knowledge FILE     JSONL lines {\"model\", \"question\", \"answer\"}; the panel is every model named",
            "  --faults FILE        JSON {\"<model>\": {\"latencyMs\", \"latencyMinMs\", \"latencyMaxMs\",",
            "                       \"errorRate\", \"errorStatus\", \"hang\", \"failFirst\"}}",
            "  --port N             port to listen on, 0 (default) for a free one",
            "  --host ADDR          address to bind, default " + SimulatorConfig.DEFAULT_HOST,
            "  --judge-model NAME   name of the grading model, default " + SimulatorConfig.DEFAULT_JUDGE_MODEL,
            "  --seed N             seed of fault randomness, default " + SimulatorConfig.DEFAULT_SEED,
            "  --help               this text");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SimulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(USAGE);
            return;
        }
        ModelSimulator simulator = ModelSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "arbiter-sim-shutdown"));
        System.out.println("Arbiter model simulator: SIMULATED models " + simulator.models()
                + " (judge " + simulator.judgeModel() + "), not a real LLM provider");
        System.out.println("Listening on " + simulator.baseUrl());
        System.out.flush();
        stopped.await();
    }

    /** The configuration the arguments describe, or null when help was asked for. */
    static SimulatorConfig parse(String[] args) {
        SimulatorConfig.Builder builder = SimulatorConfig.builder();
        boolean knowledgeGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--port" -> builder.port(integer(name, value));
                case "--host" -> builder.host(value);
                case "--knowledge" -> {
                    builder.knowledgeFile(existingFile(name, value));
                    knowledgeGiven = true;
                }
                case "--faults" -> builder.faultsFile(existingFile(name, value));
                case "--judge-model" -> builder.judgeModel(value);
                case "--seed" -> builder.seed(longValue(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (!knowledgeGiven) {
            throw new IllegalArgumentException("--knowledge FILE is required");
        }
        return builder.build();
    }

    private static Path existingFile(String option, String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": no such file " + value);
        }
        return file;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got " + value);
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got " + value);
        }
    }
}
