package dev.arbiter.platform.problem;

import java.util.List;

/**
 * One invalid field of a request: {@code field} is the JSON path as the client wrote it
 * ({@code dimensions[0].description}, {@code scores.A.accuracy}), {@code message} says what is wrong
 * and what is allowed. Every service reports validation failures as a list of these, in one problem
 * shape ({@link ApiProblem#validation}), so a client can switch on the problem type alone.
 */
public record Violation(String field, String message) {

    /** A violation naming the allowed values, e.g. {@code must be one of PAIRWISE, RANK}. */
    public static Violation oneOf(String field, List<String> allowed) {
        return new Violation(field, mustBeOneOf(allowed));
    }

    /** The message of {@link #oneOf}, for a caller that names the field elsewhere. */
    public static String mustBeOneOf(List<String> allowed) {
        return "must be one of " + String.join(", ", allowed);
    }
}
