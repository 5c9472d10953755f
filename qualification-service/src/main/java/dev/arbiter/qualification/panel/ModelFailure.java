package dev.arbiter.qualification.panel;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/** What went wrong with a model call, and whether asking again can help. */
public record ModelFailure(Kind kind, int status, String message) {

    public enum Kind {
        RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION, CLIENT_ERROR, OTHER
    }

    public boolean retriable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.CONNECTION;
    }

    /** A short description stored with the attempt (no stack traces). */
    public String describe() {
        return switch (kind) {
            case RATE_LIMITED -> "rate limited (429)";
            case SERVER_ERROR -> "server error (" + status + ")";
            case TIMEOUT -> "timed out";
            case CONNECTION -> "connection failed: " + message;
            case CLIENT_ERROR -> "request refused (" + status + "): " + message;
            case OTHER -> "failed: " + message;
        };
    }

    public static ModelFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Integer status = statusOf(t);
            if (status != null) {
                return ofStatus(status, t);
            }
            if (t instanceof RateLimitException) {
                return new ModelFailure(Kind.RATE_LIMITED, 429, shortMessage(t));
            }
            if (t instanceof InternalServerException) {
                return new ModelFailure(Kind.SERVER_ERROR, 500, shortMessage(t));
            }
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                return new ModelFailure(Kind.TIMEOUT, 0, shortMessage(t));
            }
            if (t instanceof IOException) {
                return new ModelFailure(Kind.CONNECTION, 0, shortMessage(t));
            }
        }
        return new ModelFailure(Kind.OTHER, 0, shortMessage(error));
    }

    private static Integer statusOf(Throwable t) {
        if (t instanceof HttpException http) {
            return http.statusCode();
        }
        if (t instanceof WebApplicationException web && web.getResponse() != null) {
            return web.getResponse().getStatus();
        }
        return null;
    }

    private static ModelFailure ofStatus(int status, Throwable t) {
        if (status == 429) {
            return new ModelFailure(Kind.RATE_LIMITED, status, shortMessage(t));
        }
        if (status == 504 || status == 408) {
            return new ModelFailure(Kind.TIMEOUT, status, shortMessage(t));
        }
        if (status >= 500) {
            return new ModelFailure(Kind.SERVER_ERROR, status, shortMessage(t));
        }
        return new ModelFailure(Kind.CLIENT_ERROR, status, shortMessage(t));
    }

    private static String shortMessage(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
