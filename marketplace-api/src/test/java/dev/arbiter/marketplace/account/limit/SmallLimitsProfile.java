package dev.arbiter.marketplace.account.limit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Limits and lifetimes small enough to reach and to wait out within a test. */
public class SmallLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("arbiter.auth.limits.login-burst", "10"),
                Map.entry("arbiter.auth.limits.login-per-minute", "1"),
                Map.entry("arbiter.auth.limits.registration-burst", "3"),
                Map.entry("arbiter.auth.limits.registration-per-minute", "1"),
                Map.entry("arbiter.auth.limits.refresh-burst", "10"),
                Map.entry("arbiter.auth.limits.refresh-per-minute", "1"),
                Map.entry("arbiter.auth.limits.failures-free", "2"),
                Map.entry("arbiter.auth.limits.failures-base-delay", "3s"),
                Map.entry("arbiter.auth.limits.failures-max-delay", "4s"),
                Map.entry("arbiter.auth.limits.account-failures-free", "5"),
                Map.entry("arbiter.auth.limits.account-failures-max-delay", "4s"),
                Map.entry("arbiter.auth.refresh-family-ttl", "5s"));
    }
}
