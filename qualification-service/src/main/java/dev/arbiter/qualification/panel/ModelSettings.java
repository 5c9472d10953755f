package dev.arbiter.qualification.panel;

import java.time.Duration;

/**
 * Everything needed to talk to one model over the OpenAI-compatible protocol, resolved from
 * configuration (model entry first, panel defaults second).
 */
public record ModelSettings(String name, String baseUrl, String apiKey, String modelName, double temperature,
                            Duration timeout, int maxRetries, Duration initialBackoff, int maxConcurrent,
                            int circuitFailureThreshold, Duration circuitOpenDuration, Integer maxTokens) {

    public ModelSettings withName(String newName, String newModelName) {
        return new ModelSettings(newName, baseUrl, apiKey, newModelName, temperature, timeout, maxRetries,
                initialBackoff, maxConcurrent, circuitFailureThreshold, circuitOpenDuration, maxTokens);
    }

    /** The longest one call may take, retries and backoff included. */
    public Duration deadline() {
        long backoff = 0;
        for (int i = 0; i < maxRetries; i++) {
            backoff += initialBackoff.toMillis() << Math.min(i, 10);
        }
        return timeout.multipliedBy(maxRetries + 1L).plusMillis(backoff).plusMillis(500);
    }
}
