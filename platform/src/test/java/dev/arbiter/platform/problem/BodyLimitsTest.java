package dev.arbiter.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

    private static final BodyLimits LIMITS = BodyLimits.of(1_048_576, List.of("/api/jobs/"),
            List.of("/api/tasks/*/judgment=8M", "/api/tasks/*/draft=8M", "/api/jobs/*/judgments/*/dispute=64K"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // a rule of its own, whatever the prefix
            "/api/tasks/t1/judgment,                 8388608",
            "/api/tasks/t1/draft,                    8388608",
            "/api/jobs/j1/judgments/x/dispute,       65536",
            // under a streaming prefix and no rule: bounded by its consumer
            "/api/jobs/j1/items,                     -1",
            "/api/jobs/,                             -1",
            // everything else: the JSON limit
            "/api/tasks/claim,                       1048576",
            "/api/tasks/t1/judgment/extra,           1048576",
            "/api/tasks//judgment,                   1048576",
            "/api/auth/register,                     1048576",
    })
    void shouldGiveEachPathItsLimit(String path, long expected) {
        OptionalLong limit = LIMITS.limitFor(path);
        assertEquals(expected, limit.isPresent() ? limit.getAsLong() : -1);
    }

    @Test
    void shouldReadSizesWithOrWithoutAUnit() {
        assertEquals(100, BodyLimits.size("100"));
        assertEquals(64 * 1024, BodyLimits.size("64k"));
        assertEquals(3L * 1024 * 1024 * 1024, BodyLimits.size("3G"));
        assertThrows(IllegalArgumentException.class, () -> BodyLimits.size("lots"));
        assertThrows(IllegalArgumentException.class, () -> BodyLimits.Rule.parse("no-path=1K"));
    }
}
