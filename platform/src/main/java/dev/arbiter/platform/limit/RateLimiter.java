package dev.arbiter.platform.limit;

import dev.arbiter.platform.problem.ApiProblem;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an account, an address, an expert): {@code burst} requests at once, then
 * {@code perMinute} a minute. It lives in one process, so with N replicas a key gets up to N times
 * the rate; limits that must hold across replicas (a daily budget) are counted in the database.
 *
 * <p>Memory is bounded: past {@code maxKeys} keys, buckets that have refilled completely (keys that
 * have gone quiet) are dropped, and if every bucket is busy the oldest-seen are dropped, which can
 * only let a request through, never refuse one wrongly.
 */
public final class RateLimiter {

    /** What a check decided: allowed, or refused until {@code retryAfterSeconds} have passed. */
    public record Decision(boolean allowed, int retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final String name;
    private final int burst;
    private final int perMinute;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(String name, int burst, int perMinute, int maxKeys, LongSupplier nanoClock) {
        if (burst < 1 || perMinute < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("Rate limit " + name + " needs burst, perMinute and maxKeys of at least 1");
        }
        this.name = name;
        this.burst = burst;
        this.perMinute = perMinute;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
    }

    public RateLimiter(String name, int burst, int perMinute) {
        this(name, burst, perMinute, 100_000, System::nanoTime);
    }

    /** Takes one token for {@code key}, or says how long until one is there. */
    public Decision take(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            evict(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, burst, perMinute);
            if (bucket.tokens >= 1.0) {
                bucket.tokens -= 1.0;
                return Decision.ALLOWED;
            }
            double missing = 1.0 - bucket.tokens;
            long waitNanos = (long) Math.ceil(missing * NANOS_PER_MINUTE / perMinute);
            return new Decision(false, (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /**
     * Takes one token for {@code key} or throws the 429 problem, with {@code Retry-After}, that says
     * in words which limit this is ({@code what}, e.g. "sign-in attempts from this address").
     */
    public void check(String key, String what) {
        Decision decision = take(key);
        if (!decision.allowed()) {
            throw tooMany(what, decision.retryAfterSeconds());
        }
    }

    /** The 429 for {@code what}, retryable after {@code seconds}. */
    public ApiProblem tooMany(String what, int seconds) {
        return ApiProblem.tooManyRequests(name, "Too many " + what + ": at most " + burst + " at once and " + perMinute
                + " a minute; try again in " + seconds + " s", seconds);
    }

    /** Keys currently tracked (for tests and metrics). */
    public int trackedKeys() {
        return buckets.size();
    }

    private void evict(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next().getValue();
            synchronized (bucket) {
                bucket.refill(now, burst, perMinute);
                if (bucket.tokens >= burst) {
                    it.remove();
                }
            }
        }
        Iterator<String> oldest = buckets.keySet().iterator();
        while (buckets.size() >= maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedNanos = now;
        }

        void refill(long now, int burst, int perMinute) {
            long elapsed = now - updatedNanos;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + (double) elapsed * perMinute / NANOS_PER_MINUTE);
                updatedNanos = now;
            }
        }
    }
}
