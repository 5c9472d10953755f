package dev.arbiter.marketplace.account.limit;

import dev.arbiter.marketplace.account.service.AccountService;
import dev.arbiter.platform.limit.RateLimiter;
import dev.arbiter.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The limits of the accounts API, each answered as a 429 problem naming it, with {@code Retry-After}:
 * <ul>
 * <li>{@code login-per-address}, {@code registration-per-address}, {@code refresh-per-address}: token buckets
 * per connection address (every sign-in attempt, registration, refresh or sign-out);</li>
 * <li>{@code login-failures}: failed sign-ins to one account <em>from one address</em> back off (growing,
 * bounded, decaying). An attacker's flood from one address slows that address only: the owner signing in
 * from another is not held up at all;</li>
 * <li>{@code login-failures-account}: failed sign-ins to one account from all addresses together, with more
 * free failures and a short maximum, against a guessing run spread over many addresses. At worst the owner
 * waits that maximum; a correct password once the wait has passed signs in.</li>
 * </ul>
 * A successful sign-in clears its (account, address) failures. Accounts are keyed by the normalised email
 * whether or not it exists, so the limits say nothing about which accounts exist.
 */
@ApplicationScoped
public class AuthLimits {

    private final RateLimiter loginPerAddress;
    private final RateLimiter registrationPerAddress;
    private final RateLimiter refreshPerAddress;
    private final FailedLogins failuresAtAddress;
    private final FailedLogins failuresOfAccount;

    public AuthLimits(AuthLimitsConfig config) {
        int keys = config.maxTrackedKeys();
        this.loginPerAddress = new RateLimiter("login-per-address", config.loginBurst(), config.loginPerMinute(),
                keys, System::nanoTime);
        this.registrationPerAddress = new RateLimiter("registration-per-address", config.registrationBurst(),
                config.registrationPerMinute(), keys, System::nanoTime);
        this.refreshPerAddress = new RateLimiter("refresh-per-address", config.refreshBurst(), config.refreshPerMinute(),
                keys, System::nanoTime);
        this.failuresAtAddress = new FailedLogins("login-failures", "of this account from this address",
                new LoginBackoff(config.failuresFree(), config.failuresBaseDelay(), config.failuresMaxDelay(),
                        config.failuresDecay()), keys, System::nanoTime);
        this.failuresOfAccount = new FailedLogins("login-failures-account", "of this account",
                new LoginBackoff(config.accountFailuresFree(), config.failuresBaseDelay(),
                        config.accountFailuresMaxDelay(), config.failuresDecay()), keys, System::nanoTime);
    }

    public void registration(String address) {
        registrationPerAddress.check(address, "registrations from this address");
    }

    /** Refreshing a token or signing out (both take a refresh token). */
    public void refresh(String address) {
        refreshPerAddress.check(address, "token refreshes from this address");
    }

    /**
     * A sign-in: refused with a 429 while a limit holds, otherwise {@code attempt} runs and its outcome is
     * counted (a 401 is a failure; tokens clear the failures of this account at this address).
     */
    public <T> Uni<T> login(String email, String address, Supplier<Uni<T>> attempt) {
        loginPerAddress.check(address, "sign-in attempts from this address");
        String account = AccountService.normalizeEmail(email);
        String pair = account + " " + address;
        failuresAtAddress.admit(pair);
        failuresOfAccount.admit(account);
        return attempt.get()
                .onItem().invoke(signedIn -> failuresAtAddress.forget(pair))
                .onFailure(f -> f instanceof ApiProblem p && p.status() == 401).invoke(f -> {
                    failuresAtAddress.failed(pair);
                    failuresOfAccount.failed(account);
                });
    }
}
