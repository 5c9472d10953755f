package dev.arbiter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform's terms read from the environment and handed to every service as {@code ARBITER_PLATFORM_*}. */
class LocalStackOptionsTest {

    @Test
    void shouldPassTheCurrencyAloneWhenNoTermIsSet() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of()).build();
        assertEquals("USD", options.currency());
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "USD"), options.platformEnvironment());
    }

    @Test
    void shouldPassEveryTermThatIsSet() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", " CNY ",
                "ARBITER_PAY_FLOOR_MINOR", "3000", "ARBITER_MINIMUM_PAYOUT_MINOR", "10000",
                "ARBITER_PAYABLE_AFTER_DAYS", "7")).build();
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "CNY", "ARBITER_PLATFORM_PAY_FLOOR_MINOR", "3000",
                "ARBITER_PLATFORM_MINIMUM_PAYOUT_MINOR", "10000", "ARBITER_PLATFORM_PAYABLE_AFTER_DAYS", "7"),
                options.platformEnvironment());
        assertEquals(options.platformEnvironment(), options.toBuilder().build().platformEnvironment());
    }

    @Test
    void shouldRefuseACurrencyThatIsNotIso4217NamingTheVariable() {
        for (String bad : new String[] {"usd", "US", "DOLLAR", "ABC", "12€"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", bad)));
            assertTrue(e.getMessage().startsWith("ARBITER_CURRENCY"), e.getMessage());
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("USD"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseTermsThatAreNotPositiveWholeNumbersNamingTheVariable() {
        for (String name : new String[] {"ARBITER_PAY_FLOOR_MINOR", "ARBITER_MINIMUM_PAYOUT_MINOR", "ARBITER_PAYABLE_AFTER_DAYS"}) {
            for (String bad : new String[] {"0", "-5", "12.50", "ten", "99999999999999999999"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LocalStackOptions.fromEnvironment(Map.of(name, bad)), name + "=" + bad);
                assertTrue(e.getMessage().startsWith(name + " must be a positive whole number"), e.getMessage());
            }
        }
        IllegalArgumentException days = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_PAYABLE_AFTER_DAYS", "100000")));
        assertTrue(days.getMessage().contains("at most 3650"), days.getMessage());
    }

    @Test
    void shouldTreatABlankTermAsUnset() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", " ",
                "ARBITER_PAY_FLOOR_MINOR", "")).build();
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "USD"), options.platformEnvironment());
    }
}
