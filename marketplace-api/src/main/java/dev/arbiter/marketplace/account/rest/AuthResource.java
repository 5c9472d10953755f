package dev.arbiter.marketplace.account.rest;

import dev.arbiter.marketplace.account.limit.AuthLimits;
import dev.arbiter.marketplace.account.limit.ClientAddress;
import dev.arbiter.marketplace.account.model.Role;
import dev.arbiter.marketplace.account.rest.AuthApi.Created;
import dev.arbiter.marketplace.account.rest.AuthApi.LoginRequest;
import dev.arbiter.marketplace.account.rest.AuthApi.RefreshRequest;
import dev.arbiter.marketplace.account.rest.AuthApi.RegisterRequest;
import dev.arbiter.marketplace.account.rest.AuthApi.TokenResponse;
import dev.arbiter.marketplace.account.service.AccountService;
import dev.arbiter.marketplace.account.service.IssuedTokens;
import dev.arbiter.marketplace.account.service.Registration;
import dev.arbiter.marketplace.account.service.TokenService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/api/auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final TokenService tokens;
    private final AuthLimits limits;

    public AuthResource(AccountService accounts, TokenService tokens, AuthLimits limits) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limits = limits;
    }

    @POST
    @Path("/register")
    public Uni<Response> register(@NotNull @Valid RegisterRequest request, @Context HttpServerRequest http) {
        limits.registration(ClientAddress.of(http));
        Registration registration = new Registration(request.email(), request.password(), request.displayName(),
                Role.valueOf(request.role().name()), request.organization(), request.invitationCode());
        return accounts.register(registration)
                .map(account -> Response.created(URI.create("/api/me")).entity(new Created(account.id)).build());
    }

    @POST
    @Path("/login")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        return limits.login(request.email(), ClientAddress.of(http),
                () -> accounts.login(request.email(), request.password())).map(AuthResource::toResponse);
    }

    @POST
    @Path("/refresh")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest request, @Context HttpServerRequest http) {
        limits.refresh(ClientAddress.of(http));
        return tokens.refresh(request.refreshToken()).map(AuthResource::toResponse);
    }

    /** Signs out a script or CLI client: the token's family stops working; an unknown token is no error. */
    @POST
    @Path("/logout")
    public Uni<Response> logout(@NotNull @Valid RefreshRequest request, @Context HttpServerRequest http) {
        limits.refresh(ClientAddress.of(http));
        return tokens.revoke(request.refreshToken()).map(revoked -> Response.noContent().build());
    }

    private static TokenResponse toResponse(IssuedTokens issued) {
        return new TokenResponse(issued.accessToken(), issued.refreshToken(), issued.expiresIn(), "Bearer");
    }
}
