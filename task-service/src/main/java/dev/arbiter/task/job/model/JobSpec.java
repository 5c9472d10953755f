package dev.arbiter.task.job.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a lab asks for when it creates a job; the field checks that need no context are declared here. */
public record JobSpec(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]{0,63}", message = "must be a lower-case domain key") String domain,
        @NotBlank @Size(max = 50000) String instructions,
        @NotNull Comparison comparison,
        @NotEmpty @Size(max = 12) List<@NotNull @Valid Dimension> dimensions,
        @NotNull @Min(1) @Max(10) Integer judgmentsPerItem,
        @NotNull @Min(1) @Max(3) Integer minTier,
        @NotNull @Valid Money hourlyRate,
        @NotNull @Min(1) @Max(600) Integer expectedMinutesPerItem,
        @NotNull @Valid Money budget,
        @Min(0) @Max(2000) Integer minRationaleLength,
        @Min(0) @Max(100) Integer spotCheckPercent,
        @Min(1) @Max(1000) Integer maxLeasesPerExpert) {
}
