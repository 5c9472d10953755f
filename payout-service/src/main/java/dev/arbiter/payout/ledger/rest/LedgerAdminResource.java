package dev.arbiter.payout.ledger.rest;

import dev.arbiter.payout.ledger.service.LedgerService;
import dev.arbiter.payout.ledger.service.LedgerVerification;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/admin/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class LedgerAdminResource {

    private final LedgerService ledger;

    public LedgerAdminResource(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/verify")
    public Uni<LedgerVerification> verify() {
        return ledger.verify();
    }
}
