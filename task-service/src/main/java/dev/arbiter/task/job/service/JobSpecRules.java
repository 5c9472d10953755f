package dev.arbiter.task.job.service;

import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.job.model.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a new job that need more than one field or the platform's settings (Bean Validation
 * on {@link JobSpec} has checked each field alone): a domain of the catalog, unique dimension keys, scales that go up, the
 * settlement currency, the pay floor and the largest rate and budget. A pure function of its inputs.
 */
public final class JobSpecRules {

    /**
     * The highest hourly rate a job may offer, in minor units (a million an hour in a two-decimal currency): pay
     * multiplies it by seconds and a tier multiplier, which must stay far inside a long.
     */
    public static final long MAX_HOURLY_RATE_MINOR = 100_000_000L;
    /** The largest budget, in minor units: an organization's budgets are summed in a long when it publishes. */
    public static final long MAX_BUDGET_MINOR = 1_000_000_000_000L;

    private JobSpecRules() {
    }

    /**
     * The platform's terms for every job: the one settlement currency, the lowest hourly rate, and the
     * catalog of domains a job may name.
     */
    public record Terms(String currency, long rateFloorMinor, List<String> domains) {
    }

    public static List<Violation> check(JobSpec spec, Terms terms) {
        List<Violation> problems = new ArrayList<>();
        if (!terms.domains().contains(spec.domain())) {
            problems.add(Violation.oneOf("domain", terms.domains()));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < spec.dimensions().size(); i++) {
            Dimension d = spec.dimensions().get(i);
            if (!keys.add(d.key())) {
                problems.add(new Violation("dimensions[" + i + "].key", "repeats the key " + d.key() + "; keys must be unique"));
            }
            if (d.scaleMin() >= d.scaleMax()) {
                problems.add(new Violation("dimensions[" + i + "].scaleMax", "must be greater than scaleMin (" + d.scaleMin() + ")"));
            }
        }
        if (!spec.hourlyRate().currency().equals(terms.currency())) {
            problems.add(new Violation("hourlyRate.currency", "must be " + terms.currency() + ", the platform's settlement currency"));
        } else if (spec.hourlyRate().amountMinor() < terms.rateFloorMinor()) {
            problems.add(new Violation("hourlyRate.amountMinor", "must be at least " + terms.rateFloorMinor()
                    + ", the platform's floor per hour"));
        } else if (spec.hourlyRate().amountMinor() > MAX_HOURLY_RATE_MINOR) {
            problems.add(new Violation("hourlyRate.amountMinor", "must be at most " + MAX_HOURLY_RATE_MINOR + " an hour"));
        }
        if (!spec.budget().currency().equals(terms.currency())) {
            problems.add(new Violation("budget.currency", "must be " + terms.currency() + ", the platform's settlement currency"));
        }
        if (spec.budget().amountMinor() > MAX_BUDGET_MINOR) {
            problems.add(new Violation("budget.amountMinor", "must be at most " + MAX_BUDGET_MINOR));
        }
        return problems;
    }
}
