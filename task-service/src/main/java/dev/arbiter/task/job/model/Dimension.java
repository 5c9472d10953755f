package dev.arbiter.task.job.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One rubric dimension of a job: every response is scored on it, and every judgment explains it. */
public record Dimension(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be a lower-case key of letters, digits and _") String key,
        @NotBlank @Size(max = 2000) String description,
        @NotNull @Min(-100) @Max(100) Integer scaleMin,
        @NotNull @Min(-100) @Max(100) Integer scaleMax) {
}
