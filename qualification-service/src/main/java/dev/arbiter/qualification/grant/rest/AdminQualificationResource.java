package dev.arbiter.qualification.grant.rest;

import dev.arbiter.platform.problem.BodyViolations;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.qualification.domain.DomainCatalog;
import dev.arbiter.qualification.grant.model.Qualification;
import dev.arbiter.qualification.grant.rest.GrantApi.AuditView;
import dev.arbiter.qualification.grant.rest.GrantApi.GrantRequest;
import dev.arbiter.qualification.grant.rest.GrantApi.QualificationView;
import dev.arbiter.qualification.grant.rest.GrantApi.RevokeRequest;
import dev.arbiter.qualification.grant.service.GrantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/admin/qualifications")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminQualificationResource {

    private final GrantService grants;
    private final DomainCatalog domains;
    private final Validator validator;
    private final Caller caller;

    public AdminQualificationResource(GrantService grants, Caller caller, DomainCatalog domains, Validator validator) {
        this.grants = grants;
        this.caller = caller;
        this.domains = domains;
        this.validator = validator;
    }

    /** Every problem of a grant in the first answer: the fields' and the domain's together. */
    @POST
    @WithSession
    public Uni<Response> grant(@NotNull GrantRequest request) {
        List<Violation> fieldProblems = BodyViolations.of(validator, request);
        return domains.check(request.domain()).invoke(domain -> BodyViolations.requireNone(fieldProblems, domain))
                .chain(ok -> grants.grant(caller.id(), request.expertId(), request.domain(), request.tier(), request.reason()))
                .map(q -> Response.created(URI.create("/api/admin/qualifications/" + q.expertId))
                        .entity(toView(q)).build());
    }

    @POST
    @Path("/revocations")
    public Uni<Response> revoke(@NotNull @Valid RevokeRequest request) {
        return grants.revoke(caller.id(), request.expertId(), request.domain(), request.reason())
                .map(ignored -> Response.status(Response.Status.CREATED).build());
    }

    /** The audit log of one expert's qualifications, newest first. */
    @GET
    @Path("/{expertId}/audit")
    public Uni<List<AuditView>> audit(@PathParam("expertId") UUID expertId) {
        return grants.history(expertId).map(rows -> rows.stream().map(a -> new AuditView(a.id, a.actorId, a.action.name(),
                a.expertId, a.domain, a.tier, a.reason, a.createdAt)).toList());
    }

    private static QualificationView toView(Qualification q) {
        return new QualificationView(q.expertId, q.domain, q.tier, q.source.name(), q.qualifiedAt, q.version);
    }
}
