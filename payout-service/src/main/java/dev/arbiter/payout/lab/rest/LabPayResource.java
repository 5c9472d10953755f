package dev.arbiter.payout.lab.rest;

import dev.arbiter.payout.lab.service.LabPay;
import dev.arbiter.payout.lab.service.LabPayService;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * A lab member sees their own organization's money (the organization comes from the token, never from the
 * request); an admin names the organization with {@code ?organizationId=}.
 */
@Path("/api/payouts/labs/me")
@Produces(MediaType.APPLICATION_JSON)
public class LabPayResource {

    private final LabPayService labs;
    private final Caller caller;

    public LabPayResource(LabPayService labs, Caller caller) {
        this.labs = labs;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Uni<LabPay> mine(@QueryParam("organizationId") String organizationId) {
        if (caller.isAdmin()) {
            if (organizationId == null || organizationId.isBlank()) {
                throw ApiProblem.validation("organizationId", "is required for an admin: the organization to show");
            }
            return labs.of(parse(organizationId), true);
        }
        UUID own = caller.organizationId().orElseThrow(() -> ApiProblem.forbidden("Your token names no organization"));
        if (organizationId != null && !organizationId.isBlank() && !own.toString().equals(organizationId.trim())) {
            throw ApiProblem.forbidden("A lab member sees only their own organization's money");
        }
        return labs.of(own, false);
    }

    private static UUID parse(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("organizationId", "must be a UUID");
        }
    }
}
