package dev.arbiter.marketplace.account.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The back-off rule, every case in one table: free failures, doubling, the ceiling, waiting it out, decay. */
class LoginBackoffTableTest {

    /** 5 free, 1 s doubling to at most 300 s, one failure forgiven per 10 minutes of quiet. */
    private static final LoginBackoff RULE = new LoginBackoff(5, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    @ParameterizedTest(name = "{0} failures, {1} s quiet -> wait {2} s, {3} remembered")
    @CsvSource({
            // failures, seconds since the last, wait left, failures still counted
            "0,    0,     0,   0",   // nobody failed
            "1,    0,     0,   1",   // typos cost nothing
            "5,    0,     0,   5",
            "6,    0,     1,   6",   // the first past the free ones: the base delay
            "7,    0,     2,   7",   // then it doubles
            "8,    0,     4,   8",
            "12,   0,    64,  12",
            "14,   0,   256,  14",
            "15,   0,   300,  15",   // the ceiling: never locked out for longer
            "1000, 0,   300, 1000",  // a flood changes nothing about that
            "1000, 299,   1, 1000",  // waiting it out
            "1000, 300,   0, 1000",  // then the next attempt is let through (a correct password signs in)
            "8,    3,     1,   8",
            "8,    600,   0,   7",   // ten quiet minutes forgive one failure
            "8,    1800,  0,   5",   // thirty forgive three
            "8,    86400, 0,   0",   // a quiet day forgives them all
    })
    void shouldWaitAsTheTableSays(int failures, long quietSeconds, long waitSeconds, int remembered) {
        Duration quiet = Duration.ofSeconds(quietSeconds);
        assertEquals(Duration.ofSeconds(waitSeconds), RULE.remainingWait(failures, quiet));
        assertEquals(remembered, RULE.remembered(failures, quiet));
    }

    @Test
    void shouldRefuseARuleThatCouldLockSomeoneOutForever() {
        assertThrows(IllegalArgumentException.class,
                () -> new LoginBackoff(5, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class,
                () -> new LoginBackoff(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
    }
}
