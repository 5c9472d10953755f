package dev.arbiter.simulator;

import dev.arbiter.simulator.fault.FaultsFile;
import dev.arbiter.simulator.knowledge.KnowledgeEntry;
import dev.arbiter.simulator.knowledge.KnowledgeFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link ModelSimulator}.
 *
 * @param host        address to bind, {@value #DEFAULT_HOST} by default
 * @param port        port to bind, 0 for a free one
 * @param knowledge   what each model knows; the served panel is every model named here
 * @param faults      faults per model name
 * @param judgeModel  name of the grading model, {@value #DEFAULT_JUDGE_MODEL} by default
 * @param seed        seed of the fault randomness (latency ranges, error rates)
 * @param hangTimeout how long a request to a hanging model is held before a 504
 */
public record SimulatorConfig(String host, int port, List<KnowledgeEntry> knowledge, Map<String, Faults> faults,
                              String judgeModel, long seed, Duration hangTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_JUDGE_MODEL = "sim-judge";
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_HANG_TIMEOUT = Duration.ofSeconds(120);

    private static final String DEMO_KNOWLEDGE = "/dev/arbiter/simulator/demo/knowledge.jsonl";
    private static final String DEMO_FAULTS = "/dev/arbiter/simulator/demo/faults.json";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(judgeModel, "judgeModel");
        Objects.requireNonNull(hangTimeout, "hangTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (judgeModel.isBlank()) {
            throw new IllegalArgumentException("judgeModel must not be blank");
        }
        knowledge = List.copyOf(knowledge);
        faults = Map.copyOf(faults);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port;
        private final List<KnowledgeEntry> knowledge = new ArrayList<>();
        private final Map<String, Faults> faults = new LinkedHashMap<>();
        private String judgeModel = DEFAULT_JUDGE_MODEL;
        private long seed = DEFAULT_SEED;
        private Duration hangTimeout = DEFAULT_HANG_TIMEOUT;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** {@code model} may be "*" (every model knows it) or "-" (answer key only, no model knows it). */
        public Builder knowledge(String model, String question, String answer) {
            knowledge.add(new KnowledgeEntry(model, question, answer));
            return this;
        }

        public Builder knowledgeFile(Path file) {
            try {
                knowledge.addAll(KnowledgeFile.read(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read knowledge file " + file, e);
            }
            return this;
        }

        /** The demo panel shipped in this jar: sim-atlas, sim-borealis and sim-cirrus. */
        public Builder demoKnowledge() {
            try (Reader reader = new InputStreamReader(resource(DEMO_KNOWLEDGE), StandardCharsets.UTF_8)) {
                knowledge.addAll(KnowledgeFile.read(reader, DEMO_KNOWLEDGE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder faults(String model, Faults modelFaults) {
            faults.put(model, modelFaults);
            return this;
        }

        public Builder faultsFile(Path file) {
            try {
                faults.putAll(FaultsFile.read(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read faults file " + file, e);
            }
            return this;
        }

        /** The small latencies of the demo stack. */
        public Builder demoFaults() {
            try (InputStream in = resource(DEMO_FAULTS)) {
                faults.putAll(FaultsFile.read(in, DEMO_FAULTS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder judgeModel(String judgeModel) {
            this.judgeModel = judgeModel;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder hangTimeout(Duration hangTimeout) {
            this.hangTimeout = hangTimeout;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, knowledge, faults, judgeModel, seed, hangTimeout);
        }

        private static InputStream resource(String name) {
            InputStream in = SimulatorConfig.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return in;
        }
    }
}
