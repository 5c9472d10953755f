package dev.arbiter.task.job.model;

import java.util.Map;

/** A job's progress for its lab: counts, agreement and what the closed work sessions cost so far. */
public record JobProgress(int items, long judgmentsRequired, long judgmentsSubmitted, long judgmentsAccepted,
                          Agreement agreement, Money spent, Money budget) {

    /** Krippendorff's alpha over the rankings, and per dimension over the scores; null while undefined. */
    public record Agreement(Double alpha, Map<String, Double> dimensions) {
    }
}
