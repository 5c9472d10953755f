package dev.arbiter.task.session.decision.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.session.decision.model.CaseViews.AppealDecisionRequest;
import dev.arbiter.task.session.decision.model.CaseViews.DecisionRequest;
import dev.arbiter.task.session.decision.model.CaseViews.SessionPage;
import dev.arbiter.task.session.decision.service.SessionCases;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Admins read flagged sessions' evidence and decide them, and decide appeals. Nobody else may (403). */
@Path("/api/admin/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminSessionResource {

    private final SessionCases cases;
    private final Caller caller;

    public AdminSessionResource(SessionCases cases, Caller caller) {
        this.cases = cases;
        this.caller = caller;
    }

    @GET
    public Uni<SessionPage> list(@QueryParam("state") String state, @QueryParam("limit") Integer limit,
                                 @QueryParam("offset") Integer offset) {
        return cases.list(state, limit, offset);
    }

    @POST
    @Path("/{sessionId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> decide(@PathParam("sessionId") UUID sessionId, @NotNull @Valid DecisionRequest body) {
        return cases.decide(Actor.of(caller), sessionId, body).map(step -> created(sessionId, step));
    }

    @POST
    @Path("/{sessionId}/appeal-decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> decideAppeal(@PathParam("sessionId") UUID sessionId, @NotNull @Valid AppealDecisionRequest body) {
        return cases.decideAppeal(Actor.of(caller), sessionId, body).map(step -> created(sessionId, step));
    }

    /** The case is shown on the session itself. */
    static Response created(UUID sessionId, Object step) {
        return Response.created(URI.create("/api/sessions/" + sessionId)).entity(step).build();
    }
}
