package dev.arbiter.marketplace.account.rest;

import java.time.Duration;

/**
 * The browser's refresh token lives in this cookie, never in script-readable storage: {@code HttpOnly}
 * so a script injected into the page cannot read it, {@code SameSite=Strict} so another site cannot make
 * the browser send it, and a path that covers only the session endpoints, so it never travels with the
 * other API calls. {@code Secure} is set when the request itself came over TLS (the connection's real
 * scheme, not a header a client or proxy could set), so a plain-HTTP local stack still works.
 */
public record RefreshCookie(String value, Duration maxAge, boolean secure) {

    public static final String NAME = "arbiter_refresh";
    public static final String PATH = "/api/auth/session";

    public RefreshCookie {
        if (value == null || value.chars().anyMatch(c -> c <= ' ' || c == ';' || c == ',' || c == '"' || c == '\\' || c > '~')) {
            throw new IllegalArgumentException("a cookie value must be plain printable ASCII");
        }
    }

    /** The cookie that removes the browser's copy (signing out, or a refresh token that no longer works). */
    public static RefreshCookie cleared(boolean secure) {
        return new RefreshCookie("", Duration.ZERO, secure);
    }

    /** The {@code Set-Cookie} header value. */
    public String header() {
        StringBuilder cookie = new StringBuilder(NAME).append('=').append(value)
                .append("; Path=").append(PATH)
                .append("; Max-Age=").append(maxAge.toSeconds())
                .append("; HttpOnly; SameSite=Strict");
        if (secure) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }
}
