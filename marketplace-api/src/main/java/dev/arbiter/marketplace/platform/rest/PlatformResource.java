package dev.arbiter.marketplace.platform.rest;

import dev.arbiter.marketplace.platform.model.PlatformView;
import dev.arbiter.platform.terms.PlatformTerms;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The platform's terms, public: a lab needs the currency and the floor before it writes a job, an expert the tier
 * multipliers and the payout minimum, the workbench the idle threshold it must report idleness at. Built once: the
 * terms are configuration and do not change while the service runs.
 */
@Path("/api/platform")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    private final PlatformView view;

    public PlatformResource(PlatformTerms terms) {
        this.view = PlatformView.of(terms);
    }

    @GET
    @PermitAll
    public PlatformView terms() {
        return view;
    }
}
