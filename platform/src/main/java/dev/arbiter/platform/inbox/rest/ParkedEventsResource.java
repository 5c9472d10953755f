package dev.arbiter.platform.inbox.rest;

import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.platform.inbox.ParkedEvent;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin's view of the events a service parked (its {@code inbox_parked}), and the command that replays them
 * after a fix. Every service serves it under its own name; the gateway forwards {@code /api/admin/events/<service>}.
 */
@Path("/api/admin/events/{service}/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ParkedEventsResource {

    /** What a replay did: how many applied (and left the table), and how many are still parked. */
    public record ReplayOutcome(int applied, long stillParked) {
    }

    /** The parked events, oldest first, and how many there are in all. */
    public record ParkedEvents(long total, List<ParkedEvent> events) {
    }

    private final Inbox inbox;
    private final String service;

    public ParkedEventsResource(Inbox inbox, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.inbox = inbox;
        this.service = service;
    }

    @GET
    public Uni<ParkedEvents> list(@PathParam("service") String service,
                                  @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        requireThisService(service);
        return inbox.parked(limit).chain(events -> inbox.parkedCount().map(total -> new ParkedEvents(total, events)));
    }

    /** Tries every parked event once, in parking order (an aggregate stops at its first event that still fails). */
    @POST
    @Path("/replay")
    public Uni<ReplayOutcome> replay(@PathParam("service") String service) {
        requireThisService(service);
        return inbox.replayParked().chain(applied -> inbox.parkedCount().map(left -> new ReplayOutcome(applied, left)));
    }

    private void requireThisService(String named) {
        if (!service.equals(named)) {
            throw ApiProblem.notFound("Service", named);
        }
    }
}
