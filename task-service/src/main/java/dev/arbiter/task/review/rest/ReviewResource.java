package dev.arbiter.task.review.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.review.model.ReviewViews.ReviewNote;
import dev.arbiter.task.review.service.JudgmentReviewService;
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
import java.util.UUID;

/** QA review, admin spot checks and dispute decisions. */
@Path("/api/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.EXPERT, Roles.ADMIN})
public class ReviewResource {

    private final JudgmentReviewService reviews;
    private final Caller caller;

    public ReviewResource(JudgmentReviewService reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @GET
    @Path("/next")
    public Uni<Response> next() {
        return reviews.next(Actor.of(caller)).map(c -> c == null ? Response.noContent().build() : Response.ok(c).build());
    }

    @POST
    @Path("/{judgmentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> decide(@PathParam("judgmentId") UUID judgmentId, @NotNull @Valid ReviewNote body) {
        return reviews.decide(Actor.of(caller), judgmentId, body).map(r -> Response.status(201).entity(r).build());
    }
}
