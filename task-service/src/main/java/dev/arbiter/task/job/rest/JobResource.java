package dev.arbiter.task.job.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobProgress;
import dev.arbiter.task.job.model.JobSpec;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.service.JobService;
import dev.arbiter.task.job.service.ProgressService;
import dev.arbiter.task.job.upload.ItemUploadService;
import dev.arbiter.task.review.model.ReviewViews.DisputeNote;
import dev.arbiter.task.review.service.JudgmentReviewService;
import io.smallrye.common.annotation.Blocking;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Labs' jobs: create, upload items, publish and pause, follow progress. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;
    private final ItemUploadService uploads;
    private final ProgressService progress;
    /** What creating a job answers; the whole job is at its {@code Location}. */
    public record Created(UUID id, JobStatus status) {
    }

    private final JudgmentReviewService reviews;
    private final Caller caller;

    public JobResource(JobService jobs, ItemUploadService uploads, ProgressService progress, JudgmentReviewService reviews,
                       Caller caller) {
        this.reviews = reviews;
        this.jobs = jobs;
        this.uploads = uploads;
        this.progress = progress;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LAB)
    public Uni<Response> create(@NotNull @Valid JobSpec request) {
        return jobs.create(Actor.of(caller), request).map(job -> Response.created(URI.create("/api/jobs/" + job.id()))
                .entity(new Created(job.id(), job.status())).build());
    }

    @GET
    @RolesAllowed({Roles.LAB, Roles.ADMIN, Roles.EXPERT})
    public Uni<List<Job>> list() {
        return jobs.list(Actor.of(caller));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LAB, Roles.ADMIN, Roles.EXPERT})
    public Uni<Job> get(@PathParam("id") UUID id) {
        return jobs.visible(Actor.of(caller), id);
    }

    /** A JSON array or NDJSON of items, read as it streams in. */
    @POST
    @Path("/{id}/items")
    @Consumes({MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    @Blocking
    public Response upload(@PathParam("id") UUID id, InputStream body) {
        return Response.status(201).entity(uploads.upload(Actor.of(caller), id, body)).build();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Uni<Job> publish(@PathParam("id") UUID id) {
        return jobs.publish(Actor.of(caller), id);
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Uni<Job> pause(@PathParam("id") UUID id) {
        return jobs.pause(Actor.of(caller), id);
    }

    /** The lab disputes an accepted judgment of its job; an admin decides it in the review queue. */
    @POST
    @Path("/{id}/judgments/{judgmentId}/dispute")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Uni<Response> dispute(@PathParam("id") UUID id, @PathParam("judgmentId") UUID judgmentId,
                                 @NotNull @Valid DisputeNote body) {
        return reviews.dispute(Actor.of(caller), id, judgmentId, body.reason()).map(x -> Response.status(202).build());
    }

    @GET
    @Path("/{id}/progress")
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Uni<JobProgress> progress(@PathParam("id") UUID id) {
        return progress.of(Actor.of(caller), id);
    }
}
