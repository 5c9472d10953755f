package dev.arbiter.payout.payline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an accrual is drawn from, and amounts in major units. */
class PayRulesTest {

    @ParameterizedTest(name = "{0} with {1} reserved → {2} + {3}")
    @CsvSource({
            "3000, 10000, 3000, 0",
            "3000, 3000,  3000, 0",
            "3000, 1000,  1000, 2000",
            "3000, 0,     0,    3000",
            "3000, -50,   0,    3000",
            "0,    500,   0,    0"})
    void shouldDrawOnTheReservationFirstAndClearingForTheRest(long amount, long reserved, long fromReservation, long fromClearing) {
        assertEquals(new FundingSplit(fromReservation, fromClearing), FundingSplit.of(amount, reserved));
    }

    @ParameterizedTest
    @CsvSource({"-1"})
    void shouldRefuseANegativeAccrual(long amount) {
        assertThrows(IllegalArgumentException.class, () -> FundingSplit.of(amount, 100));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "12500, USD, 125.00",
            "5,     USD, 0.05",
            "0,     EUR, 0.00",
            "12500, JPY, 12500",
            "12345, BHD, 12.345",
            "99,    CNY, 0.99"})
    void shouldWriteMajorUnitsWithTheCurrencysDecimals(long minor, String currency, String expected) {
        assertEquals(expected, MajorUnits.format(minor, currency));
    }
}
