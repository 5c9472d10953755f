package dev.arbiter.task.db;

import static dev.arbiter.task.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.task.claim.model.SlotState;
import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.PauseReason;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.review.model.ReviewKind;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import dev.arbiter.testsupport.ArbiterInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java enums and the database's check constraints allow exactly the same states. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class StateEnumsMatchSchemaTest {

    static final Pattern LITERAL = Pattern.compile("'([A-Z_]+)'::text");

    @Inject
    AgroalDataSource db;

    @Test
    void shouldAllowInTheDatabaseExactlyTheValuesOfEachEnum() {
        assertSame(JobStatus.values(), "job", "status");
        assertSame(PauseReason.values(), "job", "pause_reason");
        assertSame(Comparison.values(), "job", "comparison");
        assertSame(SlotState.values(), "item_slot", "state");
        assertSame(TaskState.values(), "task", "state");
        assertSame(JudgmentState.values(), "judgment", "state");
        assertSame(ReviewKind.values(), "review", "kind");
        assertSame(SessionState.values(), "work_session", "state");
        assertSame(SessionKind.values(), "work_session", "kind");
        assertSame(CloseReason.values(), "work_session", "close_reason");
    }

    void assertSame(Enum<?>[] values, String table, String column) {
        Set<String> expected = Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> allowed = new TreeSet<>();
        for (var row : query(db, "select pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass "
                + "and contype = 'c'", table)) {
            String definition = (String) row.get(0);
            if (definition.matches("(?s).*\\(+" + column + " = ANY.*")) {
                Matcher m = LITERAL.matcher(definition);
                while (m.find()) {
                    allowed.add(m.group(1));
                }
            }
        }
        assertEquals(expected, allowed, table + "." + column);
    }
}
