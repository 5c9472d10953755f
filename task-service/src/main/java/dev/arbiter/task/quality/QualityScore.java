package dev.arbiter.task.quality;

/**
 * The quality score: a weighted mean of the evidence there is (gold accuracy 0.4, agreement with
 * consensus 0.3, acceptance by reviewers 0.3); missing evidence drops out of the weights. With no
 * evidence at all the score is neutral (0.7), between the demotion and promotion thresholds.
 */
public final class QualityScore {

    static final double NEUTRAL = 0.7;

    private QualityScore() {
    }

    public static double of(Double goldAccuracy, Double consensusAgreement, Double acceptanceRate) {
        double sum = 0;
        double weights = 0;
        if (goldAccuracy != null) {
            sum += 0.4 * goldAccuracy;
            weights += 0.4;
        }
        if (consensusAgreement != null) {
            sum += 0.3 * consensusAgreement;
            weights += 0.3;
        }
        if (acceptanceRate != null) {
            sum += 0.3 * acceptanceRate;
            weights += 0.3;
        }
        return weights == 0 ? NEUTRAL : sum / weights;
    }
}
