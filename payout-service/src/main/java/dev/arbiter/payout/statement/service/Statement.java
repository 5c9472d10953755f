package dev.arbiter.payout.statement.service;

import java.time.LocalDate;
import java.util.List;

/** An expert's session lines over a range of days, oldest first, and their totals by stage. */
public record Statement(String currency, LocalDate from, LocalDate to, List<StatementLine> lines, StatementTotals totals) {
}
