package dev.arbiter.payout.batch.rest;

import dev.arbiter.payout.batch.service.BatchService;
import dev.arbiter.payout.batch.service.BatchStatus;
import dev.arbiter.payout.batch.service.BatchSummary;
import dev.arbiter.payout.batch.service.BatchView;
import dev.arbiter.payout.batch.service.SettlementPlan;
import dev.arbiter.payout.idempotency.Answer;
import dev.arbiter.payout.idempotency.IdempotencyKey;
import dev.arbiter.payout.idempotency.IdempotentRequests;
import dev.arbiter.payout.payline.MajorUnits;
import dev.arbiter.payout.statement.service.CsvCell;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Admins create, approve (four eyes), export and settle payout batches. */
@Path("/api/admin/payouts/batches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BatchResource {

    static final String PATH = "/api/admin/payouts/batches";
    static final int MAX_SETTLEMENT_LINES = 10_000;
    static final int MAX_LIMIT = 100;

    private final BatchService batches;
    private final IdempotentRequests idempotent;
    private final Caller caller;

    public BatchResource(BatchService batches, IdempotentRequests idempotent, Caller caller) {
        this.batches = batches;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    /** 201 with the draft; the same Idempotency-Key and body answer the same again. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@HeaderParam(IdempotencyKey.HEADER) String key, CreateBatchRequest body) {
        List<Violation> violations = new ArrayList<>();
        IdempotencyKey.check(key).ifPresent(violations::add);
        LocalDate periodEnd = periodEnd(body, violations);
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        UUID adminId = caller.id();
        return idempotent.execute(new IdempotentRequests.Request(adminId, "POST", PATH, key, body),
                () -> batches.create(periodEnd, adminId).map(view -> Answer.created(view, URI.create(PATH + "/" + view.id()))));
    }

    @GET
    public Uni<List<BatchSummary>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        List<Violation> violations = new ArrayList<>();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (offset != null && (offset < 0 || offset > 1_000_000)) {
            violations.add(new Violation("offset", "must be between 0 and 1000000"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        return batches.list(limit == null ? 20 : limit, offset == null ? 0 : offset);
    }

    @GET
    @Path("/{id}")
    public Uni<BatchView> get(@PathParam("id") UUID id) {
        return batches.view(id);
    }

    @POST
    @Path("/{id}/approve")
    public Uni<BatchView> approve(@PathParam("id") UUID id) {
        return batches.approve(id, caller.id());
    }

    /** One line per payee for the payment provider: {@code payee,reference,amount,currency}, amounts in major units. */
    @GET
    @Path("/{id}/export.csv")
    @Produces("text/csv")
    public Uni<Response> export(@PathParam("id") UUID id) {
        return batches.view(id).map(view -> {
            if (view.status() == BatchStatus.DRAFT) {
                throw ApiProblem.conflict("batch-not-approved", "A batch is exported only once a second admin approved it");
            }
            StringBuilder csv = new StringBuilder(CsvCell.row(List.of("payee", "reference", "amount", "currency")));
            for (BatchView.Line line : view.lines()) {
                csv.append(CsvCell.row(List.of(line.expertId(), line.reference(),
                        MajorUnits.format(line.amount().amountMinor(), line.amount().currency()), line.amount().currency())));
            }
            return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"arbiter-payout-" + id + ".csv\"").build();
        });
    }

    /** 200 with the batch and each line's status; the same Idempotency-Key and body answer the same again. */
    @POST
    @Path("/{id}/settlement")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> settle(@PathParam("id") UUID id, @HeaderParam(IdempotencyKey.HEADER) String key, SettlementRequest body) {
        List<Violation> violations = new ArrayList<>();
        IdempotencyKey.check(key).ifPresent(violations::add);
        if (body == null || body.lines() == null || body.lines().isEmpty()) {
            violations.add(new Violation("lines", "must name at least one payee: [{expertId, status, reference, reason?}]"));
        } else if (body.lines().size() > MAX_SETTLEMENT_LINES) {
            violations.add(new Violation("lines", "must have at most " + MAX_SETTLEMENT_LINES + " lines"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        UUID adminId = caller.id();
        List<SettlementPlan.Instruction> instructions = body.lines().stream()
                .map(l -> l == null ? null : new SettlementPlan.Instruction(l.expertId(), l.status(), l.reference(), l.reason()))
                .toList();
        String path = PATH + "/" + id + "/settlement";
        return idempotent.execute(new IdempotentRequests.Request(adminId, "POST", path, key, body),
                () -> batches.settle(id, adminId, instructions).map(Answer::ok));
    }

    private static LocalDate periodEnd(CreateBatchRequest body, List<Violation> violations) {
        if (body == null || body.periodEnd() == null || body.periodEnd().isBlank()) {
            violations.add(new Violation("periodEnd", "is required: the last day (ISO yyyy-mm-dd) whose payable lines are paid"));
            return null;
        }
        try {
            LocalDate periodEnd = LocalDate.parse(body.periodEnd().strip());
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            if (periodEnd.isAfter(today)) {
                violations.add(new Violation("periodEnd", "must not be in the future (today is " + today + ")"));
            }
            return periodEnd;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("periodEnd", "must be an ISO date (yyyy-mm-dd)"));
            return null;
        }
    }
}
