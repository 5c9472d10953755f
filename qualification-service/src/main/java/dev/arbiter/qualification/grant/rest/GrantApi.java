package dev.arbiter.qualification.grant.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

public final class GrantApi {

    private GrantApi() {
    }

    public record GrantRequest(@NotNull UUID expertId, @NotBlank @Size(max = 60) String domain,
                               @NotNull @Min(1) @Max(3) Integer tier,
                               @NotBlank @Size(min = 10, max = 2000, message = "must explain the decision in 10 to 2000 characters") String reason) {
    }

    public record RevokeRequest(@NotNull UUID expertId, @NotBlank @Size(max = 60) String domain,
                                @NotBlank @Size(min = 10, max = 2000, message = "must explain the decision in 10 to 2000 characters") String reason) {
    }

    /** {@code version}: this standing's change number, as carried by its {@code ExpertQualified} event. */
    public record QualificationView(UUID expertId, String domain, int tier, String source, Instant qualifiedAt,
                                    long version) {
    }

    public record AuditView(UUID id, UUID actorId, String action, UUID expertId, String domain, Integer tier,
                            String reason, Instant createdAt) {
    }
}
