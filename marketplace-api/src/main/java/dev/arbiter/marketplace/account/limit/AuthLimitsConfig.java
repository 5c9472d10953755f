package dev.arbiter.marketplace.account.limit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The limits on sign-in, registration and token refresh ({@code arbiter.auth.limits.*}). The defaults let
 * honest use through untouched (a lab onboarding a team of twenty from one office within a minute, the web
 * app refreshing every tab, the project's own tests); a client that honours {@code Retry-After} is at most
 * slowed down. Addresses are the connection's own, never a header a client sets.
 */
@ConfigMapping(prefix = "arbiter.auth.limits")
public interface AuthLimitsConfig {

    /** Sign-in attempts (right or wrong) from one address at once. */
    @WithDefault("60")
    int loginBurst();

    /** Sign-in attempts from one address a minute, after the burst. */
    @WithDefault("60")
    int loginPerMinute();

    /** Registrations from one address at once. */
    @WithDefault("40")
    int registrationBurst();

    /** Registrations from one address a minute, after the burst. */
    @WithDefault("20")
    int registrationPerMinute();

    /** Token refreshes and sign-outs (API and web app) from one address at once. */
    @WithDefault("60")
    int refreshBurst();

    /** Token refreshes and sign-outs from one address a minute, after the burst. */
    @WithDefault("60")
    int refreshPerMinute();

    /** Failed sign-ins to one account from one address that cost nothing (typos). */
    @WithDefault("5")
    int failuresFree();

    /** The wait after the first failure past the free ones; it doubles with each further one. */
    @WithDefault("1s")
    Duration failuresBaseDelay();

    /** The longest wait failures from one address can impose on an account there. */
    @WithDefault("5m")
    Duration failuresMaxDelay();

    /** Each this long without a failure forgives one. */
    @WithDefault("10m")
    Duration failuresDecay();

    /**
     * Failed sign-ins to one account from all addresses together that cost nothing: a guessing run spread
     * over many addresses. Higher than the per-address count, so that one attacker's address alone never
     * reaches it, and with a short maximum, so that the owner is at most delayed.
     */
    @WithDefault("20")
    int accountFailuresFree();

    /** The longest wait failures from all addresses together can impose on one account. */
    @WithDefault("60s")
    Duration accountFailuresMaxDelay();

    /** Keys (addresses, accounts) each limit tracks at most; quiet ones are dropped first. */
    @WithDefault("100000")
    int maxTrackedKeys();
}
