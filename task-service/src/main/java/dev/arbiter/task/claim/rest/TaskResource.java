package dev.arbiter.task.claim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.claim.model.TaskViews.MyTask;
import dev.arbiter.task.claim.model.TaskViews.TaskView;
import dev.arbiter.task.claim.service.ClaimService;
import dev.arbiter.task.claim.service.TaskService;
import dev.arbiter.task.judgment.model.LabelledJudgment;
import dev.arbiter.task.judgment.service.JudgmentService;
import dev.arbiter.task.quality.QualityService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** An expert's tasks: claim, reload, draft, submit, release. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EXPERT)
public class TaskResource {

    private final ClaimService claims;
    private final TaskService tasks;
    private final JudgmentService judgments;
    private final QualityService quality;
    private final Caller caller;

    /** {@code jobId} is optional: without it, any eligible job serves. */
    public record ClaimRequest(UUID jobId) {
    }

    public record Submitted(UUID judgmentId) {
    }

    public TaskResource(ClaimService claims, TaskService tasks, JudgmentService judgments, QualityService quality,
                        Caller caller) {
        this.quality = quality;
        this.claims = claims;
        this.tasks = tasks;
        this.judgments = judgments;
        this.caller = caller;
    }

    @POST
    @Path("/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> claim(ClaimRequest request) {
        return claims.claim(Actor.of(caller), request == null ? null : request.jobId())
                .map(task -> task == null ? Response.noContent().build() : Response.ok(task).build());
    }

    @GET
    @Path("/mine")
    public Uni<List<MyTask>> mine() {
        return tasks.mine(Actor.of(caller));
    }

    /** The expert's quality per domain (gold accuracy, consensus, acceptance) and the tier it set. */
    @GET
    @Path("/quality")
    public Uni<List<QualityService.Quality>> quality() {
        return quality.of(caller.id());
    }

    @GET
    @Path("/{taskId}")
    public Uni<TaskView> get(@PathParam("taskId") UUID taskId) {
        return tasks.view(Actor.of(caller), taskId);
    }

    @PUT
    @Path("/{taskId}/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> draft(@PathParam("taskId") UUID taskId, JsonNode draft) {
        return tasks.saveDraft(Actor.of(caller), taskId, draft).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{taskId}/judgment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@PathParam("taskId") UUID taskId, LabelledJudgment body) {
        return judgments.submit(Actor.of(caller), taskId, body)
                .map(id -> Response.status(201).entity(new Submitted(id)).build());
    }

    @POST
    @Path("/{taskId}/release")
    public Uni<Response> release(@PathParam("taskId") UUID taskId) {
        return tasks.release(Actor.of(caller), taskId).map(x -> Response.noContent().build());
    }
}
