package dev.arbiter.marketplace.platform.model;

import dev.arbiter.platform.terms.PlatformTerms;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The deployment's terms of pay as {@code GET /api/platform} states them: what a lab's job must offer, what an
 * expert of each tier earns on it, and when pay is paid out. Every service reads the same {@link PlatformTerms}.
 */
public record PlatformView(String currency, Amount payFloorPerHour, Map<String, BigDecimal> tierMultipliers,
                           Amount minimumPayout, int idleThresholdSeconds, int payableAfterDays) {

    /** Money as the API writes it everywhere: integer minor units and the currency. */
    public record Amount(long amountMinor, String currency) {
    }

    public static PlatformView of(PlatformTerms terms) {
        String currency = terms.currency();
        return new PlatformView(currency, new Amount(terms.payFloorMinor(), currency), terms.multipliers().asTable(),
                new Amount(terms.minimumPayoutMinor(), currency), terms.idleThresholdSeconds(), terms.payableAfterDays());
    }
}
