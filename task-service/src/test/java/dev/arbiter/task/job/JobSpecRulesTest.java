package dev.arbiter.task.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.platform.problem.Violation;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.job.model.JobSpec;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.task.job.service.JobSpecRules;
import dev.arbiter.task.job.service.JobSpecRules.Terms;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSpecRulesTest {

    static final Terms USD_FLOOR_2000 = new Terms("USD", 2000, List.of("finance", "law"));

    static JobSpec spec(List<Dimension> dimensions, Money rate, Money budget) {
        return new JobSpec("Compare", "finance", "Read carefully.", Comparison.RANK, dimensions, 3, 1, rate, 10, budget, null, null, null);
    }

    @Test
    void shouldAcceptAJobWithinThePlatformsTerms() {
        assertEquals(List.of(), JobSpecRules.check(spec(List.of(new Dimension("accuracy", "d", 1, 5)),
                new Money(2000L, "USD"), new Money(0L, "USD")), USD_FLOOR_2000));
    }

    @Test
    void shouldNameRepeatedKeysScalesThatDoNotRiseAndARateBelowTheFloor() {
        List<Dimension> dims = List.of(new Dimension("accuracy", "d", 1, 5), new Dimension("accuracy", "d", 5, 5));
        assertEquals(List.of(
                        new Violation("dimensions[1].key", "repeats the key accuracy; keys must be unique"),
                        new Violation("dimensions[1].scaleMax", "must be greater than scaleMin (5)"),
                        new Violation("hourlyRate.amountMinor", "must be at least 2000, the platform's floor per hour")),
                JobSpecRules.check(spec(dims, new Money(1999L, "USD"), new Money(100L, "USD")), USD_FLOOR_2000));
    }

    @Test
    void shouldNameARateOrBudgetBeyondWhatPayArithmeticHolds() {
        List<Dimension> dims = List.of(new Dimension("accuracy", "d", 1, 5));
        assertEquals(List.of(), JobSpecRules.check(spec(dims, new Money(JobSpecRules.MAX_HOURLY_RATE_MINOR, "USD"),
                new Money(JobSpecRules.MAX_BUDGET_MINOR, "USD")), USD_FLOOR_2000));
        assertEquals(List.of(
                        new Violation("hourlyRate.amountMinor", "must be at most 100000000 an hour"),
                        new Violation("budget.amountMinor", "must be at most 1000000000000")),
                JobSpecRules.check(spec(dims, new Money(JobSpecRules.MAX_HOURLY_RATE_MINOR + 1, "USD"),
                        new Money(Long.MAX_VALUE, "USD")), USD_FLOOR_2000));
    }

    @Test
    void shouldNameTheCatalogsDomainsForAnUnknownOne() {
        JobSpec astrology = new JobSpec("Compare", "astrology", "Read.", Comparison.RANK,
                List.of(new Dimension("accuracy", "d", 1, 5)), 3, 1, new Money(2000L, "USD"), 10, new Money(0L, "USD"), null, null, null);
        assertEquals(List.of(new Violation("domain", "must be one of finance, law")),
                JobSpecRules.check(astrology, USD_FLOOR_2000));
    }

    @Test
    void shouldNameTheSettlementCurrency() {
        assertEquals(List.of(
                        new Violation("hourlyRate.currency", "must be USD, the platform's settlement currency"),
                        new Violation("budget.currency", "must be USD, the platform's settlement currency")),
                JobSpecRules.check(spec(List.of(new Dimension("accuracy", "d", 1, 5)), new Money(5000L, "EUR"),
                        new Money(100L, "EUR")), USD_FLOOR_2000));
    }
}
