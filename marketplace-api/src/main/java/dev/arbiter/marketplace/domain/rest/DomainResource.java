package dev.arbiter.marketplace.domain.rest;

import dev.arbiter.marketplace.domain.model.Domain;
import dev.arbiter.marketplace.domain.service.DomainCatalogService;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The catalog of domains: anyone reads it; admins add to it. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DomainResource {

    private final DomainCatalogService catalog;
    private final Caller caller;

    public DomainResource(DomainCatalogService catalog, Caller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @Path("/domains")
    @PermitAll
    public Uni<List<Domain>> all() {
        return catalog.all();
    }

    @POST
    @Path("/admin/domains")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> add(@NotNull @Valid Domain domain) {
        return catalog.add(domain, caller.id())
                .map(added -> Response.created(URI.create("/api/domains")).entity(added).build());
    }
}
