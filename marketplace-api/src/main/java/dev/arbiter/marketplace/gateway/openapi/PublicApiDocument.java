package dev.arbiter.marketplace.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.marketplace.gateway.GatewayConfig;
import dev.arbiter.marketplace.gateway.GatewayRoutes;
import dev.arbiter.marketplace.gateway.openapi.OpenApiMerge.Missing;
import dev.arbiter.marketplace.gateway.openapi.OpenApiMerge.Source;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The whole public API as one OpenAPI document: this service's own paths (those the gateway does not
 * forward) and, from each service behind the gateway, the paths the gateway forwards to it. The
 * merge is {@link OpenApiMerge}'s; this class only gathers the documents.
 *
 * <p>Each upstream's {@code /q/openapi?format=json} is fetched with a short timeout and reused for a
 * short while ({@link GatewayConfig#openapiCacheFor()}); concurrent requests share one fetch. A
 * failed fetch is not kept, so a service that comes back shows again on the next request. An
 * upstream that does not answer leaves a partial document naming it in {@code x-arbiter-missing}
 * rather than failing the whole answer: the rest of the API is still worth having.
 */
@ApplicationScoped
public class PublicApiDocument {

    static final String TITLE = "Arbiter public API";
    static final String OWN_SERVICE = "marketplace-api";
    /**
     * Far above any of the services' documents (tens of KB). The upstreams are our own services, so
     * this is checked on the document read, not while reading it: it keeps a broken one out of the merge.
     */
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);

    private final GatewayRoutes routes;
    private final Duration timeout;
    private final Duration cacheFor;
    private final OpenApiDocumentService ownDocuments;
    private final String version;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Fetch> fetches = new ConcurrentHashMap<>();
    private volatile JsonNode own;

    public PublicApiDocument(GatewayConfig config, OpenApiDocumentService ownDocuments, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
        this.routes = new GatewayRoutes(config);
        this.timeout = config.openapiTimeout();
        this.cacheFor = config.openapiCacheFor();
        this.ownDocuments = ownDocuments;
        this.mapper = mapper;
        this.version = version;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** One upstream's document, fetched (or being fetched) at {@code at}. */
    private record Fetch(Instant at, CompletableFuture<JsonNode> document) {
    }

    /** The outcome of asking one upstream. */
    private record Answer(GatewayRoutes.Service service, JsonNode document, String failure) {
    }

    /** The merged document as of now. */
    public Uni<ObjectNode> current() {
        List<CompletableFuture<Answer>> answers = routes.services().stream().map(service -> document(service)
                .handle((document, error) -> new Answer(service, document, error == null ? null : reason(service, error))))
                .toList();
        CompletableFuture<ObjectNode> merged = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> merge(answers.stream().map(CompletableFuture::join).toList()));
        return Uni.createFrom().completionStage(merged);
    }

    private ObjectNode merge(List<Answer> answers) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(OWN_SERVICE, path -> !GatewayRoutes.forwarded(path), own()));
        List<Missing> missing = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.failure() == null) {
                sources.add(new Source(answer.service().name(), answer.service()::owns, answer.document()));
            } else {
                missing.add(new Missing(answer.service().name(), answer.service().prefixes(), answer.failure()));
            }
        }
        return OpenApiMerge.merge(TITLE, version, sources, missing);
    }

    /** This service's own document, as SmallRye OpenAPI built it at start (it does not change while running). */
    private JsonNode own() {
        JsonNode document = own;
        if (document == null) {
            try {
                document = mapper.readTree(ownDocuments.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            own = document;
        }
        return document;
    }

    private CompletableFuture<JsonNode> document(GatewayRoutes.Service service) {
        Instant now = clock.instant();
        Fetch fetch = fetches.compute(service.name(), (name, old) -> old != null
                && !old.document().isCompletedExceptionally()
                && old.at().plus(cacheFor).isAfter(now) ? old : new Fetch(now, fetch(service)));
        fetch.document().whenComplete((document, error) -> {
            if (error != null) {
                fetches.remove(service.name(), fetch);
            }
        });
        return fetch.document();
    }

    private CompletableFuture<JsonNode> fetch(GatewayRoutes.Service service) {
        HttpRequest request = HttpRequest.newBuilder(openapiOf(service.url()))
                .header("Accept", "application/json")
                .timeout(timeout)
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> parse(mapper, response));
    }

    private static JsonNode parse(ObjectMapper mapper, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new UnusableDocument("answered " + response.statusCode());
        }
        if (response.body().length > MAX_DOCUMENT_BYTES) {
            throw new UnusableDocument("answered a document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try {
            JsonNode document = mapper.readTree(response.body());
            if (!document.path("paths").isObject()) {
                throw new UnusableDocument("answered no OpenAPI document");
            }
            return document;
        } catch (IOException e) {
            throw new UnusableDocument("answered something that is not JSON");
        }
    }

    static URI openapiOf(URI base) {
        return base.resolve("/q/openapi?format=json");
    }

    /**
     * What the document says about a service that gave no document: said in our words (the document
     * is public), with the detail in this service's log.
     */
    private String reason(GatewayRoutes.Service service, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        LOG.warnf("OpenAPI document of %s unavailable: %s", service.name(), cause.toString());
        if (cause instanceof UnusableDocument) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "could not be reached";
    }

    /** An upstream answered, but not with a document this gateway can use. */
    private static final class UnusableDocument extends IllegalStateException {
        UnusableDocument(String message) {
            super(message);
        }
    }
}
