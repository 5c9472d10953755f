package dev.arbiter.platform.problem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Request bodies are read strictly: a field the request type does not have is refused (a validation problem
 * listing the fields it has, {@link ProblemMappers#unrecognizedProperty}) rather than silently dropped, so that
 * a misspelt or invented field never passes for a request that was understood. Only the HTTP layer is strict:
 * the application's own {@link ObjectMapper} (jsonb columns, stored answers) keeps Quarkus' lenient default.
 */
@Provider
public class StrictJsonBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJsonBodies(ObjectMapper application) {
        this.strict = application.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
