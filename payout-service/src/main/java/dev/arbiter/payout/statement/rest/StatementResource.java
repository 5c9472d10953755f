package dev.arbiter.payout.statement.rest;

import dev.arbiter.payout.statement.service.Statement;
import dev.arbiter.payout.statement.service.StatementRange;
import dev.arbiter.payout.statement.service.StatementService;
import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.resteasy.reactive.RestMulti;

/** The caller's own statement; there is no way to name another expert here. */
@Path("/api/payouts/me/statement")
@RolesAllowed(Roles.EXPERT)
public class StatementResource {

    public static final String CSV = "text/csv";

    private final StatementService statements;
    private final Caller caller;

    public StatementResource(StatementService statements, Caller caller) {
        this.statements = statements;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Statement> statement(@QueryParam("from") String from, @QueryParam("to") String to) {
        return statements.statement(caller.id(), StatementRange.of(from, to, today()));
    }

    /**
     * The same lines as CSV, streamed (a year of lines never sits in memory). Only when asked for by name: the lower
     * quality keeps JSON the answer to {@code Accept: *}{@code /*} or no Accept at all.
     */
    @GET
    @Produces(CSV + ";qs=0.5")
    public Multi<String> csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        StatementRange range = StatementRange.of(from, to, today());
        String filename = "arbiter-statement-" + range.from() + "-" + range.to() + ".csv";
        return RestMulti.fromMultiData(statements.csv(caller.id(), range))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Content-Type", CSV + "; charset=utf-8")
                .build();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
