package dev.arbiter.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
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
    /** Seconds a client should wait before sending again a request that met a database outage. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response rendered = render(problem.status(), problem.type(), problem.title(), problem.getMessage(), uri,
                problem.extensions());
        if (problem.retryAfterSeconds() == null) {
            return rendered;
        }
        return Response.fromResponse(rendered).header("Retry-After", problem.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(FieldPath.of(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .collect(Collectors.toList());
        return apiProblem(ApiProblem.validation(violations), uri);
    }

    /** Quarkus raises this subclass for REST parameter validation; it must not reach Quarkus' own mapper. */
    @ServerExceptionMapper
    public Response restViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            return unexpected(e, uri);
        }
        return constraintViolation(e, uri);
    }

    /** A field the request type does not have: the answer lists the ones it has. */
    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        return apiProblem(ApiProblem.validation(FieldPath.of(e.getPath()),
                "is not a field of this request; its fields are " + known), uri);
    }

    /** A value Jackson could not convert (an unknown enum constant, a malformed UUID or time). */
    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return apiProblem(ApiProblem.validation(FieldPath.of(e.getPath()), allowed(e.getTargetType())), uri);
    }

    /**
     * A value of the wrong JSON shape (an object where text belongs, a number where a list does).
     * When no field can be named the body as a whole is not the expected document: that is not about
     * a field's value, so it stays a {@code malformed-body} problem.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = FieldPath.of(e.getPath());
        if (FieldPath.BODY.equals(field)) {
            return render(400, "malformed-body", "Malformed request body", "The body is not the expected JSON document",
                    uri, Map.of());
        }
        return apiProblem(ApiProblem.validation(field, allowed(e.getTargetType())), uri);
    }

    /** Not JSON at all: no field can be named, so this is not a validation failure but an unreadable body. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return render(400, "malformed-body", "Malformed request body", "The body is not valid JSON" + where, uri, Map.of());
    }

    /**
     * A unique or check constraint caught a race the service's own check could not see. (Named in full:
     * Bean Validation's {@code ConstraintViolationException} is imported above.)
     */
    @ServerExceptionMapper
    public Response constraintRace(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return conflictOrUnexpected(e.getSQLState(), e, uri);
    }

    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
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

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
            Response r = render(503, "database-unavailable", "Service unavailable",
                    "The service lost its database for a moment (a restart or a cut connection); send the request "
                            + "again in a few seconds", uri, Map.of());
            return Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
        }
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

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** What a field of {@code type} accepts, said in JSON terms (never a Java class name). */
    static String allowed(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type.isEnum()) {
            return Violation.mustBeOneOf(Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type == UUID.class) {
            return "must be a UUID, e.g. 3f2b8c1e-5d4a-4e7b-9a61-0c2d4e6f8a10";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "must be an ISO-8601 UTC time, e.g. 2026-11-30T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date, e.g. 2026-11-30";
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration, e.g. PT15M";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }
}
