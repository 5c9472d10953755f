package dev.arbiter.marketplace.account.rest;

import dev.arbiter.marketplace.account.rest.AuthApi.AdminAccountRequest;
import dev.arbiter.marketplace.account.rest.AuthApi.Created;
import dev.arbiter.marketplace.account.service.AdminAccounts;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** An admin creates another admin (audited). Served here, not forwarded: accounts are this service's. */
@Path("/api/admin/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminAccountResource {

    private final AdminAccounts admins;
    private final Caller caller;

    public AdminAccountResource(AdminAccounts admins, Caller caller) {
        this.admins = admins;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@NotNull @Valid AdminAccountRequest request) {
        return admins.create(caller.id(), request.email(), request.password(), request.displayName())
                .map(account -> Response.created(URI.create("/api/admin/accounts/" + account.id))
                        .entity(new Created(account.id)).build());
    }
}
