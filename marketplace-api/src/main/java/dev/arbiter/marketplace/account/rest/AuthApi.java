package dev.arbiter.marketplace.account.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The request and answer bodies of the accounts API (registration, login, tokens, profile). */
public final class AuthApi {

    private AuthApi() {
    }

    /** Only experts and lab members register themselves; admins are created by admins. */
    public enum RegistrationRole {
        EXPERT, LAB
    }

    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password,
            @NotBlank @Size(max = 100) String displayName,
            @NotNull RegistrationRole role,
            @Size(min = 2, max = 120) String organization,
            @Size(max = 100) String invitationCode) {
    }

    /** Another admin, created by an admin: the same email and password rules as a registration. */
    public record AdminAccountRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password,
            @NotBlank @Size(max = 100) String displayName) {
    }

    public record Created(UUID id) {
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    }

    public record QualificationView(String domain, int tier) {
    }

    public record MeResponse(UUID id, String email, String displayName, List<String> roles, UUID organizationId,
                             String organizationName, List<QualificationView> qualifications) {
    }

    public record InvitationResponse(String code, UUID organizationId, Instant expiresAt) {
    }
}
