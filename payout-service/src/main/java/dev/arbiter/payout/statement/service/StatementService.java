package dev.arbiter.payout.statement.service;

import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.payline.MajorUnits;
import dev.arbiter.payout.statement.repository.StatementQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An expert's own statement, as JSON (lines and totals) or as CSV streamed line by line. */
@ApplicationScoped
public class StatementService {

    /** The CSV's columns, in order; amounts in major units beside their currency. */
    public static final List<String> CSV_HEADER = List.of("sessionId", "taskId", "jobId", "jobTitle", "kind", "day",
            "activeSeconds", "paidSeconds", "overCapSeconds", "hourlyRate", "tierMultiplier", "amount", "currency", "stage",
            "holdReason", "overCapAmount", "overCapState", "overCapDecisionReason");

    private final StatementQueries queries;
    private final Ledger ledger;

    public StatementService(StatementQueries queries, Ledger ledger) {
        this.queries = queries;
        this.ledger = ledger;
    }

    public Uni<Statement> statement(UUID expertId, StatementRange range) {
        return queries.lines(expertId, range.from(), range.to()).collect().asList()
                .chain(lines -> queries.totals(expertId, range.from(), range.to(), ledger.currency())
                        .map(totals -> new Statement(ledger.currency(), range.from(), range.to(), lines, totals)));
    }

    /** The header row, then the lines, {@value #ROWS_PER_CHUNK} rows to a chunk of the response (not one write per row). */
    public Multi<String> csv(UUID expertId, StatementRange range) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(CsvCell.row(CSV_HEADER)),
                queries.lines(expertId, range.from(), range.to()).map(StatementService::csvRow)
                        .group().intoLists().of(ROWS_PER_CHUNK).map(rows -> String.join("", rows)));
    }

    static final int ROWS_PER_CHUNK = 250;

    static String csvRow(StatementLine line) {
        List<Object> cells = new ArrayList<>();
        cells.add(line.sessionId());
        cells.add(line.taskId());
        cells.add(line.jobId());
        cells.add(line.jobTitle());
        cells.add(line.kind());
        cells.add(line.day());
        cells.add(line.activeSeconds());
        cells.add(line.paidSeconds());
        cells.add(line.overCapSeconds());
        cells.add(MajorUnits.format(line.hourlyRate().amountMinor(), line.hourlyRate().currency()));
        cells.add(line.tierMultiplier().toPlainString());
        cells.add(MajorUnits.format(line.amount().amountMinor(), line.amount().currency()));
        cells.add(line.amount().currency());
        cells.add(line.stage());
        cells.add(line.holdReason());
        cells.add(line.overCapAmount() == null ? null : MajorUnits.format(line.overCapAmount().amountMinor(), line.overCapAmount().currency()));
        cells.add(line.overCapState());
        cells.add(line.overCapDecisionReason());
        return CsvCell.row(cells);
    }
}
