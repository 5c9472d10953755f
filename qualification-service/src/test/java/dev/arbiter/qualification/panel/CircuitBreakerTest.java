package dev.arbiter.qualification.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    @Test
    void shouldOpenAfterConsecutiveFailuresAndProbeOnceAfterTheOpenPeriod() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire(), "one probe after the open period");
        assertFalse(breaker.tryAcquire(), "only one probe at a time");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void shouldResetTheCountOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(1), () -> 0L);
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
