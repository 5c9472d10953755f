package dev.arbiter.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void shouldLeaveWithTheLatestOfARunWhatApplyingEachEventInTurnWouldForEveryShortRunAndHeldVersion() {
        long[] versions = {0, 1, 2, 3};
        int checked = 0;
        // every run of up to four events on one key (versions 0-3, so ties and unversioned events occur), over every
        // held version or none; events are (version, position) so that which of two equal versions wins shows
        for (int length = 1; length <= 4; length++) {
            int runs = (int) Math.pow(versions.length, length);
            for (int code = 0; code < runs; code++) {
                List<long[]> run = new ArrayList<>();
                for (int i = 0, c = code; i < length; i++, c /= versions.length) {
                    run.add(new long[] {versions[c % versions.length], i});
                }
                for (Long held : new Long[] {null, 0L, 1L, 2L, 3L}) {
                    long[] sequential = held == null ? null : new long[] {held, -1};
                    for (long[] event : run) {
                        if (StandingVersion.supersedes(event[0], sequential == null ? null : sequential[0])) {
                            sequential = event;
                        }
                    }
                    List<long[]> winners = List.copyOf(StandingVersion.latest(run, e -> "key", e -> e[0]));
                    assertEquals(1, winners.size());
                    long[] winner = winners.get(0);
                    long[] viaWinner = held == null || StandingVersion.supersedes(winner[0], held) ? winner
                            : new long[] {held, -1};
                    assertEquals(Arrays.toString(sequential), Arrays.toString(viaWinner),
                            "run " + run.stream().map(Arrays::toString).toList() + " over held " + held);
                    checked++;
                }
            }
        }
        assertEquals(5 * (4 + 16 + 64 + 256), checked);
    }

    @Test
    void shouldKeepOneWinnerPerKeyInTheOrderOfEachKeysFirstEvent() {
        List<String[]> run = List.of(new String[] {"b", "1"}, new String[] {"a", "2"}, new String[] {"b", "3"},
                new String[] {"a", "1"});
        List<String> winners = StandingVersion.latest(run, e -> e[0], e -> Long.parseLong(e[1])).stream()
                .map(e -> e[0] + e[1]).toList();
        assertEquals(List.of("b3", "a2"), winners);
    }
}
