package dev.arbiter.qualification.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The numbers the qualification rules run on. */
@ConfigMapping(prefix = "arbiter.qualification.rules")
public interface QualificationRules {

    /** Models that must answer and be graded incorrect for a question to stump the panel. */
    @WithDefault("2")
    int minFailures();

    /** Valid (stumping, peer-reviewed) questions that qualify an expert in a domain. */
    @WithDefault("3")
    int requiredValid();

    /** Questions an expert may submit per domain within {@link #attemptsWindow()}. */
    @WithDefault("10")
    int maxAttempts();

    @WithDefault("30d")
    Duration attemptsWindow();

    /** Judge verdicts below this confidence are graded by a person. */
    @WithDefault("0.7")
    double judgeConfidenceThreshold();

    /** Prompt similarity at or above which a question is a near-duplicate of an earlier one. */
    @WithDefault("0.72")
    double duplicateThreshold();

    /** Earlier questions, those sharing the most MinHash band keys first, a new one is compared with at most. */
    @WithDefault("50")
    int duplicateCandidates();

    /** Evaluation rounds at most (the first included) before an INCONCLUSIVE question waits for an admin. */
    @WithDefault("5")
    int maxEvaluationRounds();

    /** Delay before re-evaluating an INCONCLUSIVE question; doubles each round. */
    @WithDefault("1m")
    Duration reevaluationDelay();

    /** How long an evaluation may hold a question; after that it is taken up again (crash recovery). */
    @WithDefault("5m")
    Duration evaluationLease();

    /** Approving answer-key reviews a stumping question needs when at least this many qualified peers exist; else one (an admin's). */
    @WithDefault("2")
    int reviewsRequired();
}
