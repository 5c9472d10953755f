package dev.arbiter.platform.terms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.List;

/**
 * The deployment's terms of pay, one set for every service ({@code GET /api/platform} states them). The
 * local stack sets them from {@code ARBITER_CURRENCY}, {@code ARBITER_PAY_FLOOR_MINOR},
 * {@code ARBITER_MINIMUM_PAYOUT_MINOR} and {@code ARBITER_PAYABLE_AFTER_DAYS}.
 */
@ConfigMapping(prefix = "arbiter.platform")
public interface PlatformTerms {

    /** The one settlement currency (ISO 4217): every job, ledger entry and payout is in it. */
    @WithDefault("USD")
    String currency();

    /** The lowest hourly rate a job may offer, in minor units of {@link #currency()}. */
    @WithDefault("2000")
    long payFloorMinor();

    /** The rate multiplier of each tier, tier 1 first (at most four decimal places). */
    @WithDefault("1.00,1.25,1.50")
    List<BigDecimal> tierMultipliers();

    /** The smallest payable balance a payout batch includes, in minor units. */
    @WithDefault("5000")
    long minimumPayoutMinor();

    /** A stretch without interaction longer than this is not active time (the workbench's idle event too). */
    @WithDefault("120")
    int idleThresholdSeconds();

    /** Days after which pending pay becomes payable when no review decision has come. */
    @WithDefault("14")
    int payableAfterDays();

    /** The multipliers as the pure rules use them. */
    default TierMultipliers multipliers() {
        return TierMultipliers.of(tierMultipliers());
    }
}
