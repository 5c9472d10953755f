package dev.arbiter.payout.batch.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who a payout batch pays: every expert whose payable lines sum to at least the minimum payout (and to more than
 * nothing, whatever the minimum is set to); the rest wait for the next batch. Pure.
 */
public final class PayoutSelection {

    private PayoutSelection() {
    }

    public static List<UUID> payees(Map<UUID, Long> payableByExpert, long minimumPayoutMinor) {
        long threshold = Math.max(1, minimumPayoutMinor);
        return payableByExpert.entrySet().stream().filter(e -> e.getValue() >= threshold).map(Map.Entry::getKey).sorted().toList();
    }
}
