package dev.arbiter.payout.idempotency;

import dev.arbiter.platform.problem.Violation;
import java.util.Optional;

/**
 * The rule for an {@code Idempotency-Key} header: required on every request that moves money, 1 to 255
 * printable ASCII characters (what a client generates: a UUID, a ULID, its own order reference). Pure.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** What is wrong with the header's value, or empty when it is a usable key. */
    public static Optional<Violation> check(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(new Violation(HEADER, "is required on a request that moves money: send a unique key "
                    + "(e.g. a UUID) and the same key again when you retry"));
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of(new Violation(HEADER, "must be 1 to " + MAX_LENGTH + " characters, not " + value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return Optional.of(new Violation(HEADER, "must be printable ASCII characters without spaces"));
            }
        }
        return Optional.empty();
    }
}
