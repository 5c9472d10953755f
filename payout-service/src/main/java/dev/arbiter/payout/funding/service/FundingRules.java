package dev.arbiter.payout.funding.service;

import dev.arbiter.payout.funding.rest.FundingRequest;
import dev.arbiter.platform.problem.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deposit may be: in the deployment's one currency, positive, at most 10^12 minor units (a typo guard:
 * ten billion in a two-decimal currency), with a reference of 1 to 200 characters. Pure.
 */
public final class FundingRules {

    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;

    private FundingRules() {
    }

    /** Field problems beyond the annotations' (which say what is missing). */
    public static List<Violation> check(FundingRequest request, String currency) {
        List<Violation> violations = new ArrayList<>();
        if (request == null || request.amount() == null) {
            return violations;
        }
        Long amount = request.amount().amountMinor();
        if (amount != null && (amount <= 0 || amount > MAX_AMOUNT_MINOR)) {
            violations.add(new Violation("amount.amountMinor", "must be between 1 and " + MAX_AMOUNT_MINOR
                    + " minor units, not " + amount));
        }
        String given = request.amount().currency();
        if (given != null && !given.isBlank() && !given.equals(currency)) {
            violations.add(Violation.oneOf("amount.currency", List.of(currency)));
        }
        return violations;
    }
}
