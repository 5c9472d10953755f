package dev.arbiter.payout.payline;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount in minor units written in major units with the currency's own decimals ({@code 12500} USD is
 * {@code 125.00}, {@code 12500} JPY is {@code 12500}), as payment providers' files expect. Pure.
 */
public final class MajorUnits {

    private MajorUnits() {
    }

    public static String format(long amountMinor, String currency) {
        int digits = Currency.getInstance(currency.trim()).getDefaultFractionDigits();
        return BigDecimal.valueOf(amountMinor, Math.max(0, digits)).toPlainString();
    }
}
