package dev.arbiter.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A failure the caller can act on, answered as an RFC 9457 problem document.
 * Services throw it (or fail a {@code Uni} with it); {@link ProblemMappers} renders it.
 */
public class ApiProblem extends RuntimeException {

    /** The problem type of every validation failure (rendered as {@code …/validation}). */
    public static final String VALIDATION = "validation";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Integer retryAfterSeconds;

    public ApiProblem(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /**
     * A 400 that is not about any field's value (say why where it is thrown); an invalid field is
     * always {@link #validation}.
     */
    public static ApiProblem badRequest(String type, String detail) {
        return new ApiProblem(400, type, "Bad request", detail);
    }

    /** The one validation shape: 400, type {@code validation}, {@code violations: [{field, message}]}. */
    public static ApiProblem validation(List<Violation> violations) {
        String fields = violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", "));
        return new ApiProblem(400, VALIDATION, "Validation failed", "Invalid fields: " + fields)
                .with("violations", List.copyOf(violations));
    }

    /** A single invalid field, in the same shape. */
    public static ApiProblem validation(Violation violation) {
        return validation(List.of(violation));
    }

    /** A single invalid field, in the same shape. */
    public static ApiProblem validation(String field, String message) {
        return validation(new Violation(field, message));
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(409, type, "Conflict", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem unprocessable(String type, String detail) {
        return new ApiProblem(422, type, "Unprocessable request", detail);
    }

    /**
     * A 429: the limit named {@code limit} (a member of the document, e.g. {@code login-per-address}) holds
     * for {@code seconds} more, answered as {@code Retry-After}.
     */
    public static ApiProblem tooManyRequests(String limit, String detail, int seconds) {
        return new ApiProblem(429, "rate-limited", "Too many requests", detail).with("limit", limit).retryAfter(seconds);
    }

    /** Adds a member to the problem document, e.g. the fields that failed. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /**
     * Tells the client when trying again makes sense: answered as a {@code Retry-After} header (and a
     * {@code retryAfterSeconds} member), for a 409 about knowledge still on its way or a 429.
     */
    public ApiProblem retryAfter(int seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return with("retryAfterSeconds", this.retryAfterSeconds);
    }

    /** The seconds of {@link #retryAfter}, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
