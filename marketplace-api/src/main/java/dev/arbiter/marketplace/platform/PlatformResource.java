package dev.arbiter.marketplace.platform;

import dev.arbiter.platform.terms.PlatformTerms;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The deployment's terms as anyone may read them: the currency everything settles in, the pay floor,
 * what each tier multiplies a rate by, and the idle threshold the workbench's recorder uses. The values
 * are the shared {@link PlatformTerms}, the same configuration every service computes pay with.
 */
@Path("/api/platform")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    private final PlatformTerms terms;

    public PlatformResource(PlatformTerms terms) {
        this.terms = terms;
    }

    public record Money(long amountMinor, String currency) {
    }

    public record PlatformView(String currency, Money payFloorPerHour, Map<String, BigDecimal> tierMultipliers,
                               Money minimumPayout, int idleThresholdSeconds, int payableAfterDays) {
    }

    @GET
    public PlatformView get() {
        String currency = terms.currency();
        return new PlatformView(currency, new Money(terms.payFloorMinor(), currency), terms.multipliers().asTable(),
                new Money(terms.minimumPayoutMinor(), currency), terms.idleThresholdSeconds(), terms.payableAfterDays());
    }
}
