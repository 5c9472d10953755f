package dev.arbiter.task.session.decision.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.session.decision.model.CaseViews.AppealRequest;
import dev.arbiter.task.session.decision.service.SessionCases;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * The expert's one appeal of a confirmed session. Only its owner appeals: another expert's session is
 * absent (404), labs and admins are refused (403).
 */
@Path("/api/sessions/{sessionId}/appeal")
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource {

    private final SessionCases cases;
    private final Caller caller;

    public AppealResource(SessionCases cases, Caller caller) {
        this.cases = cases;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EXPERT)
    public Uni<Response> appeal(@PathParam("sessionId") UUID sessionId, @NotNull @Valid AppealRequest body) {
        return cases.appeal(Actor.of(caller), sessionId, body)
                .map(step -> AdminSessionResource.created(sessionId, step));
    }
}
