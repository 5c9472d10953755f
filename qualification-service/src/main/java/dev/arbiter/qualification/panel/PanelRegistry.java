package dev.arbiter.qualification.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.qualification.panel.PanelConfig.ModelEntry;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds the panel and the judge from runtime configuration (quarkus-langchain4j's named models are
 * fixed at build time; the local panel is whatever the simulator's knowledge file names). The panel
 * is resolved on first use and kept once it has models; while discovery finds none, it is retried
 * at the next use, so a simulator that starts late is picked up.
 */
@ApplicationScoped
public class PanelRegistry {

    private static final Logger LOG = Logger.getLogger(PanelRegistry.class);

    private final PanelConfig config;
    private final ExecutorService discovery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "panel-discovery");
        t.setDaemon(true);
        return t;
    });
    private volatile ModelPanel panel;
    private volatile PanelModel judge;

    public PanelRegistry(PanelConfig config) {
        this.config = config;
    }

    /** The panel, off the caller's thread (discovery may do I/O). */
    public CompletableFuture<ModelPanel> panel() {
        ModelPanel current = panel;
        if (current != null) {
            return CompletableFuture.completedFuture(current);
        }
        return CompletableFuture.supplyAsync(this::resolvePanel, discovery);
    }

    public synchronized PanelModel judge() {
        if (judge == null) {
            ModelEntry entry = config.judge();
            String name = entry.modelName().orElse(config.judgeModelName());
            judge = new PanelModel(settings(name, entry), chatModel(settings(name, entry)));
        }
        return judge;
    }

    private synchronized ModelPanel resolvePanel() {
        if (panel != null) {
            return panel;
        }
        List<ModelSettings> models = new ArrayList<>();
        for (Map.Entry<String, ModelEntry> e : config.models().entrySet()) {
            models.add(settings(e.getKey(), e.getValue()));
        }
        if (models.isEmpty() && config.discover()) {
            String judgeName = config.judge().modelName().orElse(config.judgeModelName());
            for (String name : discoverModels(config.baseUrl())) {
                if (!name.equals(judgeName)) {
                    models.add(settings(name, null));
                }
            }
        }
        ModelPanel resolved = new ModelPanel(models.stream().map(s -> new PanelModel(s, chatModel(s))).toList());
        if (!models.isEmpty()) {
            panel = resolved;
            LOG.infof("Qualification panel: %s (judge %s)", resolved.names(), judge().name());
            if (models.size() < 3) {
                LOG.warnf("The panel has %d model(s); the rules assume at least three", models.size());
            }
        }
        return resolved;
    }

    private ModelSettings settings(String name, ModelEntry entry) {
        PanelConfig.Defaults d = config.defaults();
        return new ModelSettings(name,
                entry == null ? config.baseUrl() : entry.baseUrl().orElse(config.baseUrl()),
                entry == null ? config.apiKey() : entry.apiKey().orElse(config.apiKey()),
                entry == null ? name : entry.modelName().orElse(name),
                entry == null ? d.temperature() : entry.temperature().orElse(d.temperature()),
                entry == null ? d.timeout() : entry.timeout().orElse(d.timeout()),
                entry == null ? d.maxRetries() : entry.maxRetries().orElse(d.maxRetries()),
                d.initialBackoff(),
                entry == null ? d.maxConcurrent() : entry.maxConcurrent().orElse(d.maxConcurrent()),
                d.circuitFailureThreshold(), d.circuitOpenDuration(),
                entry == null ? d.maxTokens() : entry.maxTokens().orElse(d.maxTokens()));
    }

    /**
     * A LangChain4j OpenAI chat model; retries are ours (backoff, circuit breaker), not the client's. It may
     * be asked for structured output: a request's JSON schema goes out as a strict {@code response_format}.
     */
    static OpenAiChatModel chatModel(ModelSettings s) {
        return OpenAiChatModel.builder()
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey())
                .modelName(s.modelName())
                .temperature(s.temperature())
                .timeout(s.timeout())
                .maxRetries(0)
                .maxTokens(s.maxTokens())
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true)
                .build();
    }

    static List<String> discoverModels(String baseUrl) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("Panel discovery: GET %s/models answered %d", baseUrl, response.statusCode());
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (JsonNode model : new ObjectMapper().readTree(response.body()).path("data")) {
                names.add(model.path("id").asText());
            }
            return names;
        } catch (Exception e) {
            LOG.warnf("Panel discovery: %s/models unreachable (%s); the panel stays empty until it answers",
                    baseUrl, e.toString());
            return List.of();
        }
    }

    @PreDestroy
    void close() {
        if (panel != null) {
            panel.close();
        }
        if (judge != null) {
            judge.close();
        }
        discovery.shutdownNow();
    }
}
