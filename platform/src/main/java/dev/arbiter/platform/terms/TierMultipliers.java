package dev.arbiter.platform.terms;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier multipliers in basis points (10000 = 1.0), tier 1 first, so that pay is integer arithmetic.
 * A pure value: parsed once from {@link PlatformTerms#tierMultipliers()}.
 */
public final class TierMultipliers {

    public static final int ONE = 10_000;

    private final int[] basisPoints;

    private TierMultipliers(int[] basisPoints) {
        this.basisPoints = basisPoints;
    }

    /** Refuses an empty table, a multiplier below 1.0 or above 10, more than four decimals, or one lower than the tier below. */
    public static TierMultipliers of(List<BigDecimal> multipliers) {
        if (multipliers == null || multipliers.isEmpty()) {
            throw new IllegalArgumentException("arbiter.platform.tier-multipliers: name at least tier 1's multiplier");
        }
        int[] bp = new int[multipliers.size()];
        for (int i = 0; i < bp.length; i++) {
            BigDecimal m = multipliers.get(i);
            if (m.compareTo(BigDecimal.ONE) < 0 || m.compareTo(BigDecimal.TEN) > 0) {
                throw new IllegalArgumentException("arbiter.platform.tier-multipliers: tier " + (i + 1) + "'s " + m
                        + " is outside 1.0 to 10");
            }
            BigDecimal scaled = m.movePointRight(4);
            if (scaled.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("arbiter.platform.tier-multipliers: tier " + (i + 1) + "'s " + m
                        + " has more than four decimal places");
            }
            bp[i] = scaled.intValueExact();
            if (i > 0 && bp[i] < bp[i - 1]) {
                throw new IllegalArgumentException("arbiter.platform.tier-multipliers: tier " + (i + 1)
                        + " pays less than tier " + i);
            }
        }
        return new TierMultipliers(bp);
    }

    /** The multiplier of a tier; a tier above the table's top pays the top's (a table shortened by an operator). */
    public int basisPointsOf(int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("tiers start at 1, not " + tier);
        }
        return basisPoints[Math.min(tier, basisPoints.length) - 1];
    }

    public int highestBasisPoints() {
        return basisPoints[basisPoints.length - 1];
    }

    /** {"1": 1.0, "2": 1.25, …} as {@code GET /api/platform} states it. */
    public Map<String, BigDecimal> asTable() {
        Map<String, BigDecimal> table = new LinkedHashMap<>();
        for (int i = 0; i < basisPoints.length; i++) {
            table.put(Integer.toString(i + 1), BigDecimal.valueOf(basisPoints[i], 4).stripTrailingZeros().setScale(
                    Math.max(1, BigDecimal.valueOf(basisPoints[i], 4).stripTrailingZeros().scale())));
        }
        return table;
    }
}
