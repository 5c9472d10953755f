package dev.arbiter.task.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.job.service.BudgetReservation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BudgetReservationTest {

    @ParameterizedTest(name = "funded {0}, reserved {1}, budget {2} → available {3}, covers {4}")
    @CsvSource({
            "100000, 0, 100000, 100000, true",   // exactly the deposit
            "100000, 0, 100001, 100000, false",  // one minor unit short
            "100000, 60000, 40000, 40000, true", // what is left after another job's reservation
            "100000, 60000, 40001, 40000, false",
            "0, 0, 0, 0, true",                  // a job with no budget needs no money
            "0, 0, 1, 0, false",                 // never funded
            "50000, 80000, 1, -30000, false"     // reservations above the deposits (never by publishing)
    })
    void shouldCoverABudgetOnlyFromWhatIsNotReservedYet(long funded, long reserved, long budget, long available, boolean covers) {
        BudgetReservation r = new BudgetReservation(funded, reserved, budget);
        assertEquals(available, r.availableMinor());
        assertEquals(covers, r.covers());
    }

    @Test
    void shouldRefuseNegativeAmounts() {
        assertThrows(IllegalArgumentException.class, () -> new BudgetReservation(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BudgetReservation(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new BudgetReservation(0, 0, -1));
        assertTrue(new BudgetReservation(Long.MAX_VALUE, 0, Long.MAX_VALUE).covers());
        assertFalse(new BudgetReservation(0, Long.MAX_VALUE, 1).covers());
    }
}
