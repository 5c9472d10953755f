package dev.arbiter.marketplace.account.rest;

import dev.arbiter.marketplace.account.rest.AuthApi.MeResponse;
import dev.arbiter.marketplace.account.rest.AuthApi.QualificationView;
import dev.arbiter.marketplace.account.service.AccountService;
import dev.arbiter.marketplace.qualification.repository.ExpertQualificationRepository;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final AccountService accounts;
    private final ExpertQualificationRepository qualifications;
    private final Caller caller;

    public MeResource(AccountService accounts, ExpertQualificationRepository qualifications, Caller caller) {
        this.accounts = accounts;
        this.qualifications = qualifications;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.EXPERT, Roles.LAB, Roles.ADMIN})
    @WithSession
    public Uni<MeResponse> me() {
        return accounts.get(caller.id()).chain(account -> accounts.organization(account.organizationId)
                .chain(organization -> qualifications.ofExpert(account.id).map(held -> new MeResponse(
                        account.id, account.email, account.displayName, List.of(account.role.name()),
                        account.organizationId, organization == null ? null : organization.name,
                        held.stream().map(q -> new QualificationView(q.domain, q.tier)).toList()))));
    }
}
