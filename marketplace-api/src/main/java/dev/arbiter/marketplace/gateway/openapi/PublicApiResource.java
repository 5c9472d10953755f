package dev.arbiter.marketplace.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.arbiter.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /openapi}: the whole public API as one OpenAPI document, JSON by default or YAML with
 * {@code ?format=yaml}. Public, like each service's own {@code /q/openapi}. Not listed in the
 * document itself: it describes the API, it is not part of it.
 */
@Path("/openapi")
public class PublicApiResource {

    static final String YAML = "application/yaml";
    private static final YAMLMapper YAML_MAPPER = new YAMLMapper();

    private final PublicApiDocument document;
    private final ObjectMapper mapper;

    public PublicApiResource(PublicApiDocument document, ObjectMapper mapper) {
        this.document = document;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    @Operation(hidden = true)
    @Produces({MediaType.APPLICATION_JSON, YAML})
    public Uni<Response> get(@QueryParam("format") String format) {
        boolean yaml = "yaml".equalsIgnoreCase(format);
        if (!yaml && format != null && !"json".equalsIgnoreCase(format)) {
            throw ApiProblem.validation("format", "must be one of json, yaml");
        }
        return document.current().map(merged -> Response.ok(render(merged, yaml))
                .type(yaml ? YAML : MediaType.APPLICATION_JSON)
                .build());
    }

    private String render(ObjectNode merged, boolean yaml) {
        try {
            return yaml ? YAML_MAPPER.writeValueAsString(merged) : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
