package dev.arbiter.payout.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.payout.statement.service.CsvCell;
import dev.arbiter.payout.statement.service.StatementRange;
import dev.arbiter.platform.problem.ApiProblem;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The statement's pure rules: the range it covers and how a CSV cell is written. */
class StatementRulesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-30");

    @ParameterizedTest(name = "from={0} to={1} → {2}..{3}")
    @CsvSource(nullValues = "null", value = {
            "null,       null,       2026-09-01, 2026-11-30",
            "2026-11-01, null,       2026-11-01, 2026-11-30",
            "2026-01-01, null,       2026-01-01, 2026-04-01",
            "null,       2026-06-30, 2026-04-01, 2026-06-30",
            "2025-11-30, 2026-11-30, 2025-11-30, 2026-11-30",
            "2026-05-05, 2026-05-05, 2026-05-05, 2026-05-05"})
    void shouldCoverTheDaysAskedOrTheLast90(String from, String to, String expectedFrom, String expectedTo) {
        assertEquals(new StatementRange(LocalDate.parse(expectedFrom), LocalDate.parse(expectedTo)), StatementRange.of(from, to, TODAY));
    }

    @ParameterizedTest(name = "from={0} to={1} → 400 on {2}")
    @CsvSource(nullValues = "null", value = {
            "2026-02-30, null,       from",
            "null,       30/11/2026, to",
            "2026-11-2,  null,       from",
            "2026-12-01, 2026-11-01, from",
            "2025-11-29, 2026-11-30, to",
            "2026-12-25, null,       from"})
    void shouldRefuseABadOrUnboundedRange(String from, String to, String field) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> StatementRange.of(from, to, TODAY));
        assertEquals(400, problem.status());
        assertEquals(field, ((List<?>) problem.extensions().get("violations")).stream()
                .map(v -> ((dev.arbiter.platform.problem.Violation) v).field()).findFirst().orElseThrow());
    }

    @Test
    void shouldQuoteWhatNeedsQuotingAndDefuseFormulas() {
        assertEquals("plain", CsvCell.of("plain"));
        assertEquals("", CsvCell.of(null));
        assertEquals("\"a, b\"", CsvCell.of("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCell.of("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvCell.of("two\nlines"));
        assertEquals("'=1+1", CsvCell.of("=1+1"));
        assertEquals("'+SUM(A1)", CsvCell.of("+SUM(A1)"));
        assertEquals("'-2", CsvCell.of("-2"));
        assertEquals("'@cmd", CsvCell.of("@cmd"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\"),y\"", CsvCell.of("=HYPERLINK(\"x\"),y"));
        assertEquals("a=b", CsvCell.of("a=b"));
        assertEquals("1,\"x,y\",\r\n", CsvCell.row(Arrays.asList(1, "x,y", null)));
    }
}
