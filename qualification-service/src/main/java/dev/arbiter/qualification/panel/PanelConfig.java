package dev.arbiter.qualification.panel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The model panel and the judge. Every model speaks the OpenAI-compatible protocol; each entry of
 * {@code models} may point at a different provider. Without entries, the panel is discovered from
 * {@code GET {base-url}/models} (every model there except the judge): that is how the local stack
 * uses the model simulator.
 *
 * <pre>
 * arbiter.panel.models.gpt.base-url=https://api.openai.com/v1
 * arbiter.panel.models.gpt.api-key=${OPENAI_API_KEY}
 * arbiter.panel.models.gpt.model-name=gpt-4o
 * </pre>
 */
@ConfigMapping(prefix = "arbiter.panel")
public interface PanelConfig {

    /** Default base URL of every model (the model simulator locally). */
    @WithDefault("http://127.0.0.1:8089/v1")
    String baseUrl();

    /** Default API key (the simulator checks none). */
    @WithDefault("not-needed")
    String apiKey();

    /** Discover the panel from {@code GET {base-url}/models} when no model is configured. */
    @WithDefault("true")
    boolean discover();

    /** Panel models by name; any setting left out comes from {@link #defaults()}. */
    Map<String, ModelEntry> models();

    /** The judge model grading FREE_FORM answers. */
    ModelEntry judge();

    /** Name the judge has when {@code judge.model-name} is not set. */
    @WithDefault("sim-judge")
    String judgeModelName();

    Defaults defaults();

    interface ModelEntry {
        Optional<String> baseUrl();

        Optional<String> apiKey();

        /** The provider's model id; defaults to the entry's name. */
        Optional<String> modelName();

        Optional<Double> temperature();

        Optional<Duration> timeout();

        Optional<Integer> maxRetries();

        /** Bound on concurrent calls (the provider's rate limit). */
        Optional<Integer> maxConcurrent();

        Optional<Integer> maxTokens();
    }

    interface Defaults {
        @WithDefault("0.0")
        double temperature();

        /** Per call. */
        @WithDefault("20s")
        Duration timeout();

        /** Retries on 429 and 5xx, with exponential backoff from {@link #initialBackoff()}. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("16")
        int maxConcurrent();

        /** Consecutive failed calls that open a model's circuit. */
        @WithDefault("5")
        int circuitFailureThreshold();

        @WithDefault("30s")
        Duration circuitOpenDuration();

        @WithDefault("512")
        int maxTokens();
    }
}
