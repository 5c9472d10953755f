package dev.arbiter.payout.ledger.rest;

import dev.arbiter.payout.ledger.service.AccountEntries;
import dev.arbiter.payout.ledger.service.LedgerService;
import dev.arbiter.payout.ledger.service.LedgerVerification;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
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

    /** One account's entries, newest first, each naming the transaction and the cause behind it. */
    @GET
    @Path("/accounts/{id}/entries")
    public Uni<AccountEntries> entries(@PathParam("id") UUID accountId,
                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
                                       @QueryParam("before") @DefaultValue("9223372036854775807") @Min(1) long before) {
        return ledger.entriesOf(accountId, before, limit);
    }

    @GET
    @Path("/verify")
    public Uni<LedgerVerification> verify() {
        return ledger.verify();
    }
}
