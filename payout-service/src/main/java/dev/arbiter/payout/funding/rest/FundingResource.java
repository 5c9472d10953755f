package dev.arbiter.payout.funding.rest;

import dev.arbiter.payout.funding.service.FundingRules;
import dev.arbiter.payout.funding.service.FundingService;
import dev.arbiter.payout.idempotency.Answer;
import dev.arbiter.payout.idempotency.IdempotencyKey;
import dev.arbiter.payout.idempotency.IdempotentRequests;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.BodyViolations;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.platform.terms.PlatformTerms;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Admins record lab deposits; only admins (a lab cannot fund itself or anyone else: money arrives outside). */
@Path("/api/admin/labs/{organizationId}/funding")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class FundingResource {

    private final FundingService funding;
    private final IdempotentRequests idempotent;
    private final Caller caller;
    private final Validator validator;
    private final PlatformTerms terms;

    public FundingResource(FundingService funding, IdempotentRequests idempotent, Caller caller, Validator validator,
                           PlatformTerms terms) {
        this.funding = funding;
        this.idempotent = idempotent;
        this.caller = caller;
        this.validator = validator;
        this.terms = terms;
    }

    /** 201 with the deposit and the new balance; the same Idempotency-Key and body answer the same again. */
    @POST
    public Uni<Response> fund(@PathParam("organizationId") UUID organizationId,
                              @HeaderParam(IdempotencyKey.HEADER) String key, FundingRequest body) {
        if (body == null) {
            throw ApiProblem.validation("body", "is required: {amount: {amountMinor, currency}, reference}");
        }
        List<Violation> violations = new ArrayList<>(BodyViolations.of(validator, body));
        violations.addAll(FundingRules.check(body, terms.currency()));
        IdempotencyKey.check(key).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations.stream().distinct().sorted(java.util.Comparator.comparing(Violation::field)).toList());
        }
        UUID adminId = caller.id();
        String path = "/api/admin/labs/" + organizationId + "/funding";
        return idempotent.execute(new IdempotentRequests.Request(adminId, "POST", path, key, body),
                () -> funding.fund(organizationId, body.amount().amountMinor(), body.reference().strip(), adminId)
                        .map(view -> Answer.created(view, URI.create(path + "/" + view.id()))));
    }
}
