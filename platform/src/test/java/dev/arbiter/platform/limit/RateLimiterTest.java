package dev.arbiter.platform.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.platform.problem.ApiProblem;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void shouldAllowTheBurstThenRefuseWithTheSecondsUntilTheNextToken() {
        RateLimiter limiter = new RateLimiter("login", 3, 6, 100, now::get);

        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.take("a").allowed());
        }
        RateLimiter.Decision refused = limiter.take("a");

        assertFalse(refused.allowed());
        assertEquals(10, refused.retryAfterSeconds());
    }

    @Test
    void shouldRefillAtTheRateAMinuteAndNeverAboveTheBurst() {
        RateLimiter limiter = new RateLimiter("login", 2, 60, 100, now::get);
        limiter.take("a");
        limiter.take("a");
        assertFalse(limiter.take("a").allowed());

        now.addAndGet(SECOND);
        assertTrue(limiter.take("a").allowed());
        assertFalse(limiter.take("a").allowed());

        now.addAndGet(3_600 * SECOND);
        assertTrue(limiter.take("a").allowed());
        assertTrue(limiter.take("a").allowed());
        assertFalse(limiter.take("a").allowed());
    }

    @Test
    void shouldKeepEachKeysBucketApart() {
        RateLimiter limiter = new RateLimiter("login", 1, 1, 100, now::get);

        assertTrue(limiter.take("a").allowed());
        assertFalse(limiter.take("a").allowed());
        assertTrue(limiter.take("b").allowed());
    }

    @Test
    void shouldDropQuietKeysOnceTheTableIsFull() {
        RateLimiter limiter = new RateLimiter("login", 1, 60, 3, now::get);
        limiter.take("a");
        limiter.take("b");
        limiter.take("c");
        now.addAndGet(2 * SECOND);

        limiter.take("d");

        assertTrue(limiter.trackedKeys() <= 3);
        assertFalse(limiter.take("d").allowed());
    }

    @Test
    void shouldStayBoundedEvenWhenEveryKeyIsBusy() {
        RateLimiter limiter = new RateLimiter("login", 1, 1, 10, now::get);
        for (int i = 0; i < 1_000; i++) {
            limiter.take("key-" + i);
        }
        assertTrue(limiter.trackedKeys() <= 10);
    }

    @Test
    void shouldThrowA429ThatSaysWhichLimitAndWhen() {
        RateLimiter limiter = new RateLimiter("claims", 1, 30, 100, now::get);
        limiter.check("x", "claims by this expert");

        ApiProblem p = assertThrows(ApiProblem.class, () -> limiter.check("x", "claims by this expert"));
        assertEquals(429, p.status());
        assertEquals("rate-limited", p.type());
        assertEquals(2, p.retryAfterSeconds());
        for (String words : new String[] {"claims by this expert", "1 at once", "30 a minute", "2 s"}) {
            assertTrue(p.getMessage().contains(words), p.getMessage());
        }
    }
}
