package dev.arbiter.task.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.claim.LeaseCap.AtCap;
import dev.arbiter.task.claim.LeaseCap.Split;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an expert's live leases of a job can stand against its cap. */
class LeaseCapTest {

    static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-000000000002");

    static Stream<Arguments> table() {
        return Stream.of(
                // one job, cap 2 (the default)
                Arguments.of(Map.of(JOB, 2), Map.of(), Set.of(JOB), List.of()),
                Arguments.of(Map.of(JOB, 2), Map.of(JOB, 1), Set.of(JOB), List.of()),
                Arguments.of(Map.of(JOB, 2), Map.of(JOB, 2), Set.of(), List.of(new AtCap(JOB, 2, 2))),
                // a held count above the cap (never made by a claim) is at the cap all the same
                Arguments.of(Map.of(JOB, 2), Map.of(JOB, 3), Set.of(), List.of(new AtCap(JOB, 3, 2))),
                // cap 1: one live task at a time
                Arguments.of(Map.of(JOB, 1), Map.of(), Set.of(JOB), List.of()),
                Arguments.of(Map.of(JOB, 1), Map.of(JOB, 1), Set.of(), List.of(new AtCap(JOB, 1, 1))),
                // leases of a job that is not eligible do not matter
                Arguments.of(Map.of(JOB, 2), Map.of(OTHER, 5), Set.of(JOB), List.of()),
                // two jobs: the one at its cap is left out, the other still serves
                Arguments.of(Map.of(JOB, 2, OTHER, 3), Map.of(JOB, 2, OTHER, 2), Set.of(OTHER), List.of(new AtCap(JOB, 2, 2))),
                Arguments.of(Map.of(JOB, 2, OTHER, 3), Map.of(JOB, 2, OTHER, 3), Set.of(),
                        List.of(new AtCap(JOB, 2, 2), new AtCap(OTHER, 3, 3))),
                // nothing eligible
                Arguments.of(Map.of(), Map.of(JOB, 1), Set.of(), List.of()));
    }

    @ParameterizedTest(name = "caps {0}, held {1} -> claimable {2}, at cap {3}")
    @MethodSource("table")
    void shouldLeaveOutExactlyTheJobsAtTheirCap(Map<UUID, Integer> caps, Map<UUID, Integer> held, Set<UUID> claimable,
                                                List<AtCap> atCap) {
        assertEquals(new Split(claimable, atCap), LeaseCap.split(caps, held));
    }
}
