package dev.arbiter.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. No stack trace, class name
 * or SQL ever reaches a response; unexpected failures are logged with an id the answer repeats.
 */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return render(problem.status(), problem.type(), problem.title(), problem.getMessage(), uri, problem.extensions());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .collect(Collectors.toList());
        return apiProblem(ApiProblem.validation(violations), uri);
    }

    /** Quarkus raises this subclass for REST parameter validation; it must not reach Quarkus' own mapper. */
    @ServerExceptionMapper
    public Response restViolation(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e,
                                  UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v))) {
            return unexpected(e, uri);
        }
        return constraintViolation(e, uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return render(400, "malformed-body", "Malformed request body",
                "Unknown field '" + e.getPropertyName() + "'", uri, Map.of("field", pathOf(e)));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = pathOf(e);
        return render(400, "malformed-body", "Malformed request body",
                "Field '" + field + "' has a value of the wrong type or an unknown value", uri, Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        String detail = field.isEmpty() ? "The body is not the expected JSON document"
                : "Field '" + field + "' has a value of the wrong shape";
        return render(400, "malformed-body", "Malformed request body", detail, uri,
                field.isEmpty() ? Map.of() : Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return render(400, "malformed-body", "Malformed request body", "The body is not valid JSON" + where, uri, Map.of());
    }

    /** A unique or check constraint caught a race the service's own check could not see. */
    @ServerExceptionMapper
    public Response constraintRace(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return conflictOrUnexpected(e.getSQLState(), e, uri);
    }

    @ServerExceptionMapper
    public Response database(io.vertx.pgclient.PgException e, UriInfo uri) {
        return conflictOrUnexpected(e.getSqlState(), e, uri);
    }

    private Response conflictOrUnexpected(String sqlState, Throwable e, UriInfo uri) {
        if ("23505".equals(sqlState)) {
            return render(409, "conflict", "Conflict",
                    "The request conflicts with existing data (it may have been sent twice)", uri, Map.of());
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, "forbidden", "Forbidden", "Your role does not allow this request", uri, Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "No acceptable representation for the Accept header";
            case 413 -> "The request body is larger than this endpoint accepts";
            case 415 -> "Unsupported content type; send application/json";
            default -> title;
        };
        return render(status, slug(title), title, detail, uri, Map.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return render(500, "internal", "Internal error",
                "The request failed unexpectedly; quote error id " + errorId, uri, Map.of("errorId", errorId));
    }

    /** The body could not be read as the expected JSON, however the framework reported it. */
    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unrecognizedProperty(u, uri);
        }
        if (e instanceof InvalidFormatException f) {
            return invalidFormat(f, uri);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatchedInput(m, uri);
        }
        return malformedJson(e, uri);
    }

    private static Response unauthorizedResponse(UriInfo uri) {
        Response r = render(401, "unauthorized", "Unauthorized", "A valid bearer token is required", uri, Map.of());
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** Renders a problem document; also used by non-JAX-RS handlers (gateway, body limit). */
    public static Response render(int status, String type, String title, String detail, UriInfo uri,
                                  Map<String, Object> extensions) {
        String instance = uri == null ? null : uri.getPath();
        return Response.status(status).type(PROBLEM_JSON).entity(toJson(status, type, title, detail, instance, extensions)).build();
    }

    public static String toJson(int status, String type, String title, String detail, String instance,
                                Map<String, Object> extensions) {
        ProblemDocument doc = new ProblemDocument(ProblemDocument.TYPE_BASE + type, title, status, detail, instance,
                extensions == null ? Map.of() : new LinkedHashMap<>(extensions));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            return "{\"title\":\"Internal error\",\"status\":500}";
        }
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The JSON field path of a violation, without the Java method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = (name == null ? "" : name) + "[" + node.getIndex() + "]";
            } else if (node.getKey() != null) {
                name = (name == null ? "" : name) + "[" + node.getKey() + "]";
            }
            if (name != null && !name.isEmpty()) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
