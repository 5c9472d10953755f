package dev.arbiter.marketplace.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.marketplace.account.rest.RefreshCookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshCookieTest {

    @Test
    void shouldBeSecureOnlyOverTls() {
        assertEquals("arbiter_refresh=abc; Path=/api/auth/session; Max-Age=60; HttpOnly; SameSite=Strict; Secure",
                new RefreshCookie("abc", Duration.ofMinutes(1), true).header());
        assertEquals("arbiter_refresh=abc; Path=/api/auth/session; Max-Age=60; HttpOnly; SameSite=Strict",
                new RefreshCookie("abc", Duration.ofMinutes(1), false).header());
    }

    @Test
    void shouldClearWithAnEmptyValueThatExpiresNow() {
        assertEquals("arbiter_refresh=; Path=/api/auth/session; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
                RefreshCookie.cleared(true).header());
    }

    @Test
    void shouldRefuseAValueThatWouldBreakTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new RefreshCookie("a; Domain=evil", Duration.ZERO, false));
        assertThrows(IllegalArgumentException.class, () -> new RefreshCookie(null, Duration.ZERO, false));
    }
}
