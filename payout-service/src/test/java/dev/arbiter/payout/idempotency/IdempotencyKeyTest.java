package dev.arbiter.payout.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void shouldAcceptOneTo255PrintableCharacters() {
        assertTrue(IdempotencyKey.check("a").isEmpty());
        assertTrue(IdempotencyKey.check("x".repeat(255)).isEmpty());
        assertTrue(IdempotencyKey.check("order-2026-11/42:retry~1").isEmpty());
    }

    @Test
    void shouldRefuseAMissingEmptyTooLongOrUnprintableKeyNamingTheHeader() {
        for (String bad : new String[] {null, "", "x".repeat(256), "with space", "tab\t", "é"}) {
            assertEquals("Idempotency-Key", IdempotencyKey.check(bad).orElseThrow().field(), String.valueOf(bad));
        }
    }
}
