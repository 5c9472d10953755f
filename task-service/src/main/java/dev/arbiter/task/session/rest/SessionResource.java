package dev.arbiter.task.session.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.session.SessionOrigin;
import dev.arbiter.task.session.model.SessionViews.SessionSummary;
import dev.arbiter.task.session.model.SessionViews.SessionView;
import dev.arbiter.task.session.model.SessionViews.Timeline;
import dev.arbiter.task.session.service.SessionReader;
import dev.arbiter.task.session.service.SessionRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Recorded work sessions: the workbench's batches in, the session, the expert's list and the timeline
 * out. Labs never see sessions (403); another expert's session is absent (404).
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionRecorder recorder;
    private final SessionReader reader;
    private final Caller caller;

    public SessionResource(SessionRecorder recorder, SessionReader reader, Caller caller) {
        this.recorder = recorder;
        this.reader = reader;
        this.caller = caller;
    }

    /**
     * The body arrives as bytes: its size is bounded exactly and the validator names every problem itself.
     * {@code X-Device-Id} and the client's address are checked before anything is read and kept as the
     * session's origin (evidence for the shared-device signal).
     */
    @POST
    @Path("/{sessionId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EXPERT)
    public Uni<Response> record(@PathParam("sessionId") UUID sessionId, @HeaderParam(SessionOrigin.DEVICE_HEADER) String deviceId,
                                @HeaderParam("X-Forwarded-For") String forwardedFor, @Context HttpServerRequest request,
                                byte[] body) {
        SocketAddress remote = request.remoteAddress();
        SessionOrigin origin = SessionOrigin.of(deviceId, forwardedFor, remote == null ? null : remote.hostAddress());
        return recorder.record(Actor.of(caller), sessionId, body == null ? new byte[0] : body, origin)
                .map(ack -> Response.accepted(ack).build());
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Roles.EXPERT)
    public Uni<List<SessionSummary>> mine() {
        return reader.mine(Actor.of(caller));
    }

    @GET
    @Path("/{sessionId}")
    @RolesAllowed({Roles.EXPERT, Roles.ADMIN})
    public Uni<SessionView> get(@PathParam("sessionId") UUID sessionId) {
        return reader.view(Actor.of(caller), sessionId);
    }

    @GET
    @Path("/{sessionId}/timeline")
    @RolesAllowed({Roles.EXPERT, Roles.ADMIN})
    public Uni<Timeline> timeline(@PathParam("sessionId") UUID sessionId) {
        return reader.timeline(Actor.of(caller), sessionId);
    }
}
