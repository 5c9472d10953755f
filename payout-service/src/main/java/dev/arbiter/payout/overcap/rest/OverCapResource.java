package dev.arbiter.payout.overcap.rest;

import dev.arbiter.payout.idempotency.Answer;
import dev.arbiter.payout.idempotency.IdempotencyKey;
import dev.arbiter.payout.idempotency.IdempotentRequests;
import dev.arbiter.payout.overcap.service.OverCapService;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An admin approves or refuses a session's time beyond its cap, once, with a reason. */
@Path("/api/admin/payouts/sessions/{sessionId}/over-cap")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OverCapResource {

    static final int MAX_REASON = 1000;

    private final OverCapService overCap;
    private final IdempotentRequests idempotent;
    private final Caller caller;

    public OverCapResource(OverCapService overCap, IdempotentRequests idempotent, Caller caller) {
        this.overCap = overCap;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    public Uni<Response> decide(@PathParam("sessionId") UUID sessionId, @HeaderParam(IdempotencyKey.HEADER) String key,
                                OverCapRequest body) {
        List<Violation> violations = new ArrayList<>();
        IdempotencyKey.check(key).ifPresent(violations::add);
        if (body == null || body.approve() == null) {
            violations.add(new Violation("approve", "is required: true to pay the time beyond the cap, false to refuse it"));
        }
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            violations.add(new Violation("reason", "must be 1 to " + MAX_REASON + " characters: why, for the expert to read"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        UUID adminId = caller.id();
        String path = "/api/admin/payouts/sessions/" + sessionId + "/over-cap";
        return idempotent.execute(new IdempotentRequests.Request(adminId, "POST", path, key, body),
                () -> overCap.decide(sessionId, body.approve(), reason, adminId).map(Answer::ok));
    }
}
