package dev.arbiter.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandingVersionTest {

    @Test
    void shouldTakeOnlyANewerVersionAndTreatUnversionedEventsAsTheOldest() {
        // incoming, applied (null = nothing held yet), applies?
        Object[][] table = {
                {5L, null, true}, {0L, null, true},
                {2L, 1L, true}, {1L, 1L, false}, {1L, 2L, false},
                {1L, 0L, true},
                {0L, 0L, true}, // before versions: last writer wins, as it always did
                {0L, 3L, false}, // an unversioned event never undoes a versioned one
        };
        for (Object[] row : table) {
            assertEquals(row[2], StandingVersion.supersedes((Long) row[0], (Long) row[1]),
                    "incoming " + row[0] + " over applied " + row[1]);
        }
    }
}
