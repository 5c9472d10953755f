package dev.arbiter.payout.statement.service;

import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.platform.problem.Violation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a statement covers, both included. Bounded so that one request reads at most a year of lines; by
 * default the last 90 days up to today (UTC). Pure: "today" is given.
 */
public record StatementRange(LocalDate from, LocalDate to) {

    public static final int DEFAULT_DAYS = 90;

    /** The range the query parameters ask for, or a validation problem naming every bad one. */
    public static StatementRange of(String from, String to, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        LocalDate end = parse("to", to, violations);
        LocalDate start = parse("from", from, violations);
        if (!violations.isEmpty()) {
            throw ApiProblem.validation(violations);
        }
        if (end == null) {
            end = start != null && start.plusDays(DEFAULT_DAYS).isBefore(today) ? start.plusDays(DEFAULT_DAYS) : today;
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS);
        }
        if (start.isAfter(end)) {
            throw ApiProblem.validation("from", "must be on or before to (" + end + "), not " + start);
        }
        if (end.isAfter(start.plusYears(1))) {
            throw ApiProblem.validation("to", "must be at most one year after from (" + start.plusYears(1) + " at the latest), not " + end);
        }
        return new StatementRange(start, end);
    }

    private static LocalDate parse(String field, String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() != 10) {
            violations.add(new Violation(field, "must be an ISO date (yyyy-mm-dd)"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "must be an ISO date (yyyy-mm-dd), not " + value));
            return null;
        }
    }
}
