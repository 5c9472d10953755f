package dev.arbiter.payout.surface;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A resource that forgot to say who may call it (test sources only): the platform's
 * {@code deny-unannotated-endpoints} must refuse it to everyone, whatever their token.
 */
@Path("/api/payouts/test-only/unannotated")
public class UnannotatedProbeResource {

    @GET
    public String secret() {
        return "served to anyone";
    }
}
