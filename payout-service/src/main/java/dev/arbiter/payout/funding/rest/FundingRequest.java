package dev.arbiter.payout.funding.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An admin's record of a lab's deposit: the amount received and the bank or provider reference. */
public record FundingRequest(@NotNull @Valid MoneyInput amount, @NotBlank @Size(max = 200) String reference) {

    /** Money as the API writes it; the currency and range are checked against the deployment's terms. */
    public record MoneyInput(@NotNull Long amountMinor, @NotBlank @Size(max = 3) String currency) {
    }
}
