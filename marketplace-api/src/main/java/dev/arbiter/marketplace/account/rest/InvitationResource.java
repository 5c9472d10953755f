package dev.arbiter.marketplace.account.rest;

import dev.arbiter.marketplace.account.rest.AuthApi.InvitationResponse;
import dev.arbiter.marketplace.account.service.AccountService;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Lab members bring colleagues into their organization with one-time invitation codes. */
@Path("/api/organizations/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final AccountService accounts;
    private final Caller caller;

    public InvitationResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.LAB)
    public Uni<Response> invite() {
        return accounts.invite(caller.id())
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new InvitationResponse(issued.code(), issued.organizationId(), issued.expiresAt())).build());
    }
}
