package dev.arbiter.qualification.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How fast and how much an expert may submit questions: each one costs LLM panel calls. Both limits
 * are counted from the question rows in the database, so they hold across replicas and restarts.
 * The defaults stay out of the way of honest use (a handful of questions a day).
 */
@ConfigMapping(prefix = "arbiter.qualification.submissions")
public interface SubmissionLimits {

    /** Questions an expert may submit within {@link #window()}, whatever their domain or fate. */
    @WithDefault("10")
    @Min(1)
    int maxPerWindow();

    @WithDefault("10m")
    Duration window();

    /**
     * Panel calls an expert's questions may cost in any 24 hours: one per panel model asked, plus one per
     * judge grading of a free-form answer; a duplicate costs nothing. Re-evaluations after a provider
     * outage are not charged (they are bounded by {@code max-evaluation-rounds}).
     */
    @WithDefault("120")
    @Min(1)
    int dailyPanelCalls();
}
