package dev.arbiter.platform.terms;

import java.math.BigInteger;

/**
 * The two sums pay is made of, in integer minor units, rounded half-up once: a session's amount and an
 * expert's effective hourly rate. Pure; every service that shows or moves pay uses these and nothing else.
 */
public final class PayArithmetic {

    private static final BigInteger SECONDS_AND_BASIS = BigInteger.valueOf(3600L * TierMultipliers.ONE);
    private static final BigInteger BASIS = BigInteger.valueOf(TierMultipliers.ONE);

    private PayArithmetic() {
    }

    /** {@code round_half_up(paidSeconds × hourlyRateMinor × multiplier / 3600)}, the multiplier in basis points. */
    public static long sessionAmountMinor(long paidSeconds, long hourlyRateMinor, int multiplierBasisPoints) {
        requireNonNegative(paidSeconds, "paid seconds");
        requireNonNegative(hourlyRateMinor, "hourly rate");
        requireNonNegative(multiplierBasisPoints, "multiplier");
        BigInteger product = BigInteger.valueOf(paidSeconds).multiply(BigInteger.valueOf(hourlyRateMinor))
                .multiply(BigInteger.valueOf(multiplierBasisPoints));
        return halfUp(product, SECONDS_AND_BASIS);
    }

    /** The rate an expert of this multiplier earns per hour: {@code round_half_up(rate × multiplier)}. */
    public static long effectiveHourlyRateMinor(long hourlyRateMinor, int multiplierBasisPoints) {
        requireNonNegative(hourlyRateMinor, "hourly rate");
        requireNonNegative(multiplierBasisPoints, "multiplier");
        return halfUp(BigInteger.valueOf(hourlyRateMinor).multiply(BigInteger.valueOf(multiplierBasisPoints)), BASIS);
    }

    private static long halfUp(BigInteger numerator, BigInteger denominator) {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger q = qr[0];
        if (qr[1].shiftLeft(1).compareTo(denominator) >= 0) {
            q = q.add(BigInteger.ONE);
        }
        return q.longValueExact();
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
