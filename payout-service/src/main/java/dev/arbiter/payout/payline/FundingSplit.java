package dev.arbiter.payout.payline;

/**
 * Where an accrual is drawn from: the job's reservation as far as it goes, the platform's clearing account for
 * the rest, so that an expert is never short because a lab's budget ran out. Pure.
 */
public record FundingSplit(long fromReservation, long fromClearing) {

    public static FundingSplit of(long amountMinor, long reservationBalanceMinor) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("an accrual is never negative, not " + amountMinor);
        }
        long fromReservation = Math.min(amountMinor, Math.max(0, reservationBalanceMinor));
        return new FundingSplit(fromReservation, amountMinor - fromReservation);
    }
}
