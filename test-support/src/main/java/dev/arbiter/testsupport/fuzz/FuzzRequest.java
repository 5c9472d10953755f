package dev.arbiter.testsupport.fuzz;

import java.util.Map;

/**
 * One request the fuzzer sends.
 *
 * @param operation   {@code METHOD /path/{template}}, as the OpenAPI document names it
 * @param caller      who sends it ({@code none}, {@code EXPERT}…)
 * @param what        what is wrong with it, e.g. {@code path id = not-a-uuid}, {@code body.amount = 1e400}
 * @param method      the HTTP method
 * @param target      path and query, already encoded
 * @param headers     extra headers (the bearer token is added per caller)
 * @param contentType the body's declared type, or null
 * @param body        the raw body bytes, or null for none
 * @param malformed   whether a service must refuse it (false only for an optional body left out)
 */
public record FuzzRequest(String operation, String caller, String what, String method, String target,
                          Map<String, String> headers, String contentType, byte[] body,
                          boolean malformed) {

    /** Whether the method changes state, so that a 2xx to a malformed request of it means something was accepted. */
    public boolean mutating() {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    /** A bounded description for a failure report. */
    public String describe() {
        int size = body == null ? 0 : body.length;
        String shownTarget = target.length() > 160 ? target.substring(0, 160) + "…(" + target.length() + " chars)" : target;
        return operation + " as " + caller + " [" + what + "] " + method + " " + shownTarget
                + (body == null ? "" : " (" + (contentType == null ? "no content type" : contentType) + ", " + size + " bytes)");
    }
}
