package dev.arbiter.payout.lab.service;

import dev.arbiter.payout.ledger.service.Money;
import java.util.List;
import java.util.UUID;

/**
 * A lab organization's money: its unreserved balance and, per published job, the budget, what its reservation
 * holds now ({@code reserved}, also {@code remaining}: the reservation is what is left to spend), what the job has
 * cost ({@code spent}: accrued from the reservation and the clearing account, less forfeits) and whether the job
 * was paused for want of budget.
 */
public record LabPay(UUID organizationId, Money balance, List<Job> jobs) {

    public record Job(UUID jobId, String title, Money budget, Money reserved, Money spent, Money remaining, boolean exhausted) {
    }
}
