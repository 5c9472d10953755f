package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActiveTimeTest {

    static final Instant OPENED = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void shouldCountTheWholeSessionWhenItClosesBeforeItStopsCounting() {
        assertEquals(600, ActiveTime.seconds(OPENED, OPENED.plusSeconds(600), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldStopCountingAtTheCap() {
        assertEquals(1200, ActiveTime.seconds(OPENED, OPENED.plusSeconds(5000), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldCountWholeSecondsOnly() {
        assertEquals(59, ActiveTime.seconds(OPENED, OPENED.plusMillis(59_999), OPENED.plusSeconds(1200)));
    }

    @Test
    void shouldNeverBeNegative() {
        assertEquals(0, ActiveTime.seconds(OPENED, OPENED.minusSeconds(5), OPENED.plusSeconds(1200)));
        assertEquals(0, ActiveTime.seconds(OPENED, OPENED.plusSeconds(60), OPENED.minusSeconds(1)));
    }
}
