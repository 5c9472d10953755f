package dev.arbiter.marketplace.account.rest;

import dev.arbiter.marketplace.account.limit.AuthLimits;
import dev.arbiter.marketplace.account.limit.ClientAddress;
import dev.arbiter.marketplace.account.rest.AuthApi.LoginRequest;
import dev.arbiter.marketplace.account.service.AccountService;
import dev.arbiter.marketplace.account.service.IssuedTokens;
import dev.arbiter.marketplace.account.service.TokenService;
import dev.arbiter.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * Sign-in for the web app. The access token goes to the page (which keeps it in memory only); the
 * refresh token goes into an {@code HttpOnly} cookie ({@link RefreshCookie}) so that no script can
 * read it. Refreshing and signing out additionally require {@code X-Requested-With: arbiter-web}: a
 * cross-site form cannot set a custom header, and a cross-site script that tries triggers a CORS
 * preflight this origin never grants, so the header proves the request came from our own page.
 * Rotation and reuse detection are the refresh-token family logic of {@link TokenService}.
 */
@Path(RefreshCookie.PATH)
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class BrowserSessionResource {

    /** The header (and value) the web app sends on cookie-authenticated calls. */
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final String CSRF_VALUE = "arbiter-web";

    private final AccountService accounts;
    private final TokenService tokens;
    private final AuthLimits limits;

    public BrowserSessionResource(AccountService accounts, TokenService tokens, AuthLimits limits) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limits = limits;
    }

    /** The answer of sign-in and refresh: the refresh token is in the cookie, never in the body. */
    public record SessionResponse(String accessToken, long expiresIn, String tokenType) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> signIn(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        boolean tls = http.isSSL();
        return limits.login(request.email(), ClientAddress.of(http), () -> accounts.login(request.email(), request.password()))
                .map(issued -> withCookie(issued, tls));
    }

    @POST
    @Path("/refresh")
    public Uni<Response> refresh(@HeaderParam(CSRF_HEADER) String requestedWith,
                                 @CookieParam(RefreshCookie.NAME) String refreshToken, @Context HttpServerRequest http) {
        requireOwnPage(requestedWith);
        limits.refresh(ClientAddress.of(http));
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw ApiProblem.unauthorized("No session cookie; sign in again");
        }
        boolean tls = http.isSSL();
        return tokens.refresh(refreshToken).map(issued -> withCookie(issued, tls));
    }

    @DELETE
    public Uni<Response> signOut(@HeaderParam(CSRF_HEADER) String requestedWith,
                                 @CookieParam(RefreshCookie.NAME) String refreshToken, @Context HttpServerRequest http) {
        requireOwnPage(requestedWith);
        limits.refresh(ClientAddress.of(http));
        Response cleared = Response.noContent()
                .header(HttpHeaders.SET_COOKIE, RefreshCookie.cleared(http.isSSL()).header()).build();
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            return Uni.createFrom().item(cleared);
        }
        return tokens.revoke(refreshToken).map(revoked -> cleared);
    }

    private static void requireOwnPage(String requestedWith) {
        if (!CSRF_VALUE.equals(requestedWith)) {
            throw ApiProblem.forbidden("This endpoint is for the web app: send the header "
                    + CSRF_HEADER + ": " + CSRF_VALUE);
        }
    }

    private Response withCookie(IssuedTokens issued, boolean tls) {
        // the cookie lives as long as its token: never past the sign-in's absolute end
        long millisLeft = Math.max(0, Duration.between(Instant.now(), issued.refreshExpiresAt()).toMillis());
        RefreshCookie cookie = new RefreshCookie(issued.refreshToken(), Duration.ofSeconds((millisLeft + 999) / 1000), tls);
        return Response.ok(new SessionResponse(issued.accessToken(), issued.expiresIn(), "Bearer"))
                .header(HttpHeaders.SET_COOKIE, cookie.header())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
