package dev.arbiter.task.job.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An amount in integer minor units of an ISO 4217 currency. */
public record Money(@NotNull @Min(0) Long amountMinor, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
}
