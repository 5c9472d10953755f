package dev.arbiter.marketplace.account.limit;

import dev.arbiter.platform.problem.ApiProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins counted per key (an account, or an account at one address) with the back-off they impose
 * ({@link LoginBackoff}). While a key is backing off, an attempt is refused with a 429 before the password is
 * checked; an attempt let through in the back-off holds the slot (it counts as the last attempt), so that a
 * parallel flood gets one guess per wait, not one each. Memory is bounded: the least recently touched keys
 * are dropped first, which can only forgive failures, never refuse anyone wrongly.
 */
final class FailedLogins {

    private static final class Entry {
        int failures;
        long lastNanos;
    }

    private final String limit;
    private final String what;
    private final LoginBackoff backoff;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries;

    FailedLogins(String limit, String what, LoginBackoff backoff, int maxKeys, LongSupplier nanoClock) {
        this.limit = limit;
        this.what = what;
        this.backoff = backoff;
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Lets an attempt for {@code key} through, or throws the 429 that says how long to wait. */
    synchronized void admit(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        Duration wait = backoff.remainingWait(entry.failures, Duration.ofNanos(now - entry.lastNanos));
        if (!wait.isZero()) {
            int seconds = (int) Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ApiProblem.tooManyRequests(limit, "Too many failed sign-ins " + what + "; try again in "
                    + seconds + " s (the wait grows with each failure, to at most "
                    + backoff.maxDelay().toSeconds() + " s)", seconds);
        }
        if (backoff.delayAfter(entry.failures).compareTo(Duration.ZERO) > 0) {
            entry.lastNanos = now;
        }
    }

    synchronized void failed(String key) {
        long now = nanoClock.getAsLong();
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.failures = backoff.remembered(entry.failures, Duration.ofNanos(now - entry.lastNanos)) + 1;
        entry.lastNanos = now;
    }

    synchronized void forget(String key) {
        entries.remove(key);
    }

    synchronized int trackedKeys() {
        return entries.size();
    }
}
