package dev.arbiter.task.export.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A job's preference data, streamed as NDJSON in the lab's chosen format. */
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
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    public Multi<ObjectNode> export(@PathParam("id") UUID id, @QueryParam("format") String format,
                                @QueryParam("status") String status, @QueryParam("verified") String verified) {
        return exports.export(Actor.of(caller), id, ExportService.format(format), ExportService.status(status),
                ExportService.verified(verified));
    }
}
