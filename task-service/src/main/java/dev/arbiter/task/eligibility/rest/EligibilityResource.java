package dev.arbiter.task.eligibility.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.eligibility.service.EligibilityService;
import dev.arbiter.task.eligibility.service.EligibilityService.Eligibility;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An expert's own view of where they may work: the domains and tiers task-service holds for them. */
@Path("/api/tasks/eligibility")
@Produces(MediaType.APPLICATION_JSON)
public class EligibilityResource {

    private final EligibilityService eligibility;
    private final Caller caller;

    public EligibilityResource(EligibilityService eligibility, Caller caller) {
        this.eligibility = eligibility;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.EXPERT)
    public Uni<Eligibility> mine() {
        return eligibility.of(caller.id());
    }
}
