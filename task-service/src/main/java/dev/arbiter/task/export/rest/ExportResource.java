package dev.arbiter.task.export.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.task.export.service.ExportService;
import dev.arbiter.task.access.Actor;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/**
 * A job's preference data, streamed as NDJSON in the lab's chosen format. Each element of the stream is a chunk of
 * whole rows (the response writer ends every element with a newline), not one row: see {@code NdjsonChunks}.
 */
@Path("/api/jobs/{id}/export")
public class ExportResource {

    private final ExportService exports;
    private final Caller caller;

    public ExportResource(ExportService exports, Caller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Produces("application/x-ndjson")
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Multi<byte[]> export(@PathParam("id") UUID id, @QueryParam("format") String format,
                                @QueryParam("status") String status, @QueryParam("verified") String verified) {
        return exports.export(Actor.of(caller), id, ExportService.format(format), ExportService.status(status),
                ExportService.verified(verified));
    }
}
