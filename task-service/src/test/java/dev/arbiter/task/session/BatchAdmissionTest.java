package dev.arbiter.task.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.session.BatchAdmission.Decision;
import dev.arbiter.task.session.BatchAdmission.Limits;
import dev.arbiter.task.session.BatchAdmission.Session;
import dev.arbiter.task.session.model.SessionState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchAdmissionTest {

    static final Instant OPENED = Instant.parse("2026-11-30T10:00:00Z");
    static final Limits LIMITS = new Limits(Duration.ofSeconds(30), 120, 1_000_000);

    @ParameterizedTest(name = "{0} open {1}s, closed {2}s ago, {3} batches, {4}+{5} bytes -> {6}")
    @CsvSource({
            // state, seconds since opening, seconds since closing, batches held, bytes held, batch bytes, decision
            "OPEN,   600, ,   100, 0,       2000, ACCEPT",
            "OPEN,   0,   ,   119, 0,       2000, ACCEPT",
            "OPEN,   0,   ,   120, 0,       2000, TOO_FAST",
            "OPEN,   600, ,   719, 0,       2000, ACCEPT",
            "OPEN,   600, ,   720, 0,       2000, TOO_FAST",
            "OPEN,   600, ,   10,  998000,  2000, ACCEPT",
            "OPEN,   600, ,   10,  998001,  2000, LOG_FULL",
            "CLOSED, 600, 0,  10,  0,       2000, ACCEPT",
            "CLOSED, 600, 30, 10,  0,       2000, ACCEPT",
            "CLOSED, 600, 31, 10,  0,       2000, TOO_LATE",
            "CLOSED, 600, 31, 5000, 9999999, 2000, TOO_LATE",
    })
    void shouldTakeABatchOnlyWithinTheSessionsBounds(SessionState state, long sinceOpening, Long sinceClosing, int batches,
                                                    long bytesHeld, int batchBytes, Decision expected) {
        Instant now = OPENED.plusSeconds(sinceOpening);
        Instant closedAt = sinceClosing == null ? null : now.minusSeconds(sinceClosing);
        assertEquals(expected, BatchAdmission.decide(new Session(state, OPENED, closedAt, batches, bytesHeld, now), batchBytes,
                LIMITS));
    }
}
