package dev.arbiter.task.session.rest;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.ProblemMappers;
import dev.arbiter.task.session.SessionConfig;
import dev.arbiter.task.session.service.SessionRecorder;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Refuses a batch that declares more bytes than a batch may have with a 413 before any of it is read
 * (the platform's own limit is for JSON bodies in general, 1 MB). A body sent without a length is
 * bounded once read, by {@link SessionRecorder}.
 */
@ApplicationScoped
public class BatchBodyLimit {

    private static final Pattern EVENTS = Pattern.compile("/api/sessions/[^/]+/events/?");

    private final SessionConfig config;

    public BatchBodyLimit(SessionConfig config) {
        this.config = config;
    }

    /** Before the platform's general limit (100), so that a batch hears the batch's limit. */
    @RouteFilter(101)
    void limit(RoutingContext rc) {
        String declared = rc.request().getHeader("Content-Length");
        if (declared != null && HttpMethod.POST.equals(rc.request().method()) && EVENTS.matcher(rc.normalizedPath()).matches()) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > config.maxBatchBytes()) {
                ApiProblem p = SessionRecorder.tooLarge(config.maxBatchBytes(), length);
                rc.response().setStatusCode(p.status())
                        .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                        .putHeader("Connection", "close")
                        .end(ProblemMappers.toJson(p.status(), p.type(), p.title(), p.getMessage(), rc.normalizedPath(),
                                p.extensions()));
                return;
            }
        }
        rc.next();
    }
}
