package dev.arbiter.platform.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayArithmeticTest {

    @Test
    void anHourAtTheBaseRateIsTheRate() {
        assertEquals(4500, PayArithmetic.sessionAmountMinor(3600, 4500, TierMultipliers.ONE));
    }

    @Test
    void roundsHalfUpOnceForTheWholeSession() {
        // 1 s at 1800/h = 0.5 → 1; 1 s at 1799/h = 0.4997… → 0
        assertEquals(1, PayArithmetic.sessionAmountMinor(1, 1800, TierMultipliers.ONE));
        assertEquals(0, PayArithmetic.sessionAmountMinor(1, 1799, TierMultipliers.ONE));
        // 1,234 s at 4,000/h × 1.25 = 1713.888… → 1714
        assertEquals(1714, PayArithmetic.sessionAmountMinor(1234, 4000, 12_500));
        // 90 s at 2,000/h × 1.5 = 75 exactly
        assertEquals(75, PayArithmetic.sessionAmountMinor(90, 2000, 15_000));
    }

    @Test
    void noTimeNoPay() {
        assertEquals(0, PayArithmetic.sessionAmountMinor(0, 9999, 15_000));
    }

    @Test
    void largeFiguresDoNotOverflow() {
        // a day at ten million minor units an hour, multiplier 10: 2.4e9, through a product of ~8.6e15 × 1e5
        assertEquals(2_400_000_000L, PayArithmetic.sessionAmountMinor(86_400, 10_000_000, 100_000));
    }

    @Test
    void negativeInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PayArithmetic.sessionAmountMinor(-1, 100, 10_000));
        assertThrows(IllegalArgumentException.class, () -> PayArithmetic.sessionAmountMinor(1, -100, 10_000));
        assertThrows(IllegalArgumentException.class, () -> PayArithmetic.effectiveHourlyRateMinor(100, -1));
    }

    @Test
    void effectiveRateRoundsHalfUp() {
        assertEquals(5625, PayArithmetic.effectiveHourlyRateMinor(4500, 12_500));
        assertEquals(2, PayArithmetic.effectiveHourlyRateMinor(1, 15_000)); // 1.5 → 2
        assertEquals(1, PayArithmetic.effectiveHourlyRateMinor(1, 12_500)); // 1.25 → 1
    }

    @Test
    void multipliersParseToBasisPointsAndStateThemselves() {
        TierMultipliers m = TierMultipliers.of(List.of(new BigDecimal("1.00"), new BigDecimal("1.25"), new BigDecimal("1.5")));
        assertEquals(10_000, m.basisPointsOf(1));
        assertEquals(12_500, m.basisPointsOf(2));
        assertEquals(15_000, m.basisPointsOf(3));
        assertEquals(15_000, m.basisPointsOf(4), "a tier above the table pays the top");
        assertEquals(15_000, m.highestBasisPoints());
        assertEquals(Map.of("1", new BigDecimal("1.0"), "2", new BigDecimal("1.25"), "3", new BigDecimal("1.5")), m.asTable());
    }

    @Test
    void badMultiplierTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TierMultipliers.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TierMultipliers.of(List.of(new BigDecimal("0.9"))));
        assertThrows(IllegalArgumentException.class, () -> TierMultipliers.of(List.of(new BigDecimal("1.00001"))));
        assertThrows(IllegalArgumentException.class,
                () -> TierMultipliers.of(List.of(new BigDecimal("1.5"), new BigDecimal("1.25"))));
        assertThrows(IllegalArgumentException.class, () -> TierMultipliers.of(List.of(BigDecimal.ONE)).basisPointsOf(0));
    }
}
