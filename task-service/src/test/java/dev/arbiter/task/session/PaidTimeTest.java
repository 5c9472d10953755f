package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PaidTimeTest {

    @Test
    void shouldPayActiveTimeUpToTwiceTheExpectedMinutes() {
        assertEquals(new PaidTime(0, 1_200, 0, 0), PaidTime.of(0, 10));
        assertEquals(new PaidTime(700, 1_200, 700, 0), PaidTime.of(700, 10));
        assertEquals(new PaidTime(1_200, 1_200, 1_200, 0), PaidTime.of(1_200, 10));
        assertEquals(new PaidTime(1_201, 1_200, 1_200, 1), PaidTime.of(1_201, 10));
        assertEquals(new PaidTime(90_000, 72_000, 72_000, 18_000), PaidTime.of(90_000, 600));
        assertEquals(120, PaidTime.of(500, 1).paidSeconds());
    }

    @Test
    void shouldRefuseImpossibleFigures() {
        assertThrows(IllegalArgumentException.class, () -> PaidTime.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> PaidTime.of(10, 0));
    }
}
