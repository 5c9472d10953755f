package dev.arbiter.payout.ledger.rest;

import dev.arbiter.payout.ledger.service.ExpertBalances;
import dev.arbiter.payout.ledger.service.LedgerService;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/payouts")
@Produces(MediaType.APPLICATION_JSON)
public class PayoutResource {

    private final LedgerService ledger;
    private final Caller caller;

    public PayoutResource(LedgerService ledger, Caller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    /** The caller's own balances; there is no way to name another expert here. */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.EXPERT)
    public Uni<ExpertBalances> mine() {
        return ledger.balancesOf(caller.id());
    }
}
