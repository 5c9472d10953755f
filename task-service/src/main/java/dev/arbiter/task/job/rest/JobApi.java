package dev.arbiter.task.job.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The job records of the HTTP API. */
public final class JobApi {

    private JobApi() {
    }

    public enum Comparison { PAIRWISE, RANK }

    public record Money(@NotNull @Min(0) Long amountMinor, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    public record Dimension(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be a lower-case key of letters, digits and _") String key,
            @NotBlank @Size(max = 2000) String description,
            @NotNull @Min(-100) @Max(100) Integer scaleMin,
            @NotNull @Min(-100) @Max(100) Integer scaleMax) {
    }

    public record CreateJob(
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
            @Min(0) @Max(100) Integer spotCheckPercent) {
    }

    public record Job(UUID id, UUID organizationId, String title, String domain, String instructions, Comparison comparison,
                      List<Dimension> dimensions, int judgmentsPerItem, int minTier, Money hourlyRate,
                      int expectedMinutesPerItem, Money budget, int minRationaleLength, int spotCheckPercent,
                      String status, int items, Instant createdAt) {
    }

    public record Created(UUID id, String status) {
    }

    /** {@code rejected} lists the first problems (at most 1000); {@code rejectedTotal} counts them all. */
    public record UploadResult(int accepted, List<RejectedLine> rejected, int rejectedTotal) {
    }

    public record RejectedLine(long line, String problem) {
    }

    public record Agreement(Double alpha, java.util.Map<String, Double> dimensions) {
    }

    public record Progress(int items, long judgmentsRequired, long judgmentsSubmitted, long judgmentsAccepted,
                           Agreement agreement, Money spent, Money budget) {
    }
}
