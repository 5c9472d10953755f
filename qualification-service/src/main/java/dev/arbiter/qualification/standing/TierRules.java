package dev.arbiter.qualification.standing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The numbers {@link TierPolicy} moves tiers by. */
@ConfigMapping(prefix = "arbiter.qualification.tiers")
public interface TierRules {

    /**
     * Judgments a reviewer must have decided (accepted or rejected) since the tier last changed, for
     * whatever reason, before quality may move it: one lucky or unlucky week does not move a tier, and a
     * fresh grant or promotion stands until there is new evidence about it.
     */
    @WithDefault("10")
    @Min(1)
    int evidenceForMove();

    /** A quality score at or above this raises the tier by one (up to {@link #highestTier()}). */
    @WithDefault("0.85")
    double promoteAt();

    /** A quality score below this lowers the tier by one (down to {@link #lowestTier()}). */
    @WithDefault("0.5")
    double demoteBelow();

    /** The lowest tier; quality never takes a standing away, only an admin's revocation does. */
    @WithDefault("1")
    @Min(1)
    @Max(3)
    int lowestTier();

    /** The highest tier (the event contract and the rate bands know tiers 1 to 3). */
    @WithDefault("3")
    @Min(1)
    @Max(3)
    int highestTier();
}
