package dev.arbiter.payout.statement.repository;

import dev.arbiter.payout.ledger.service.Money;
import dev.arbiter.payout.statement.service.StatementLine;
import dev.arbiter.payout.statement.service.StatementTotals;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reads an expert's session lines through a server-side cursor, {@value #FETCH} rows at a time, so that a year of
 * lines streams in bounded memory; and their totals in one aggregate over the same rows.
 */
@ApplicationScoped
public class StatementQueries {

    static final int FETCH = 500;

    private static final String LINES = "select p.session_id, p.task_id, p.job_id, b.title, p.kind, p.day, p.active_seconds, "
            + "p.paid_seconds, p.over_cap_seconds, p.hourly_rate_minor, p.tier_multiplier_bp, p.currency, p.amount_minor, p.stage, "
            + "p.hold_reason, p.over_cap_amount_minor, p.over_cap_state, d.reason as over_cap_reason "
            + "from session_pay p left join job_budget b on b.job_id = p.job_id "
            + "left join over_cap_decision d on d.session_id = p.session_id "
            + "where p.expert_id = $1 and p.day between $2 and $3 order by p.day, p.accrued_at, p.session_id";

    private static final String TOTALS = "select "
            + "coalesce(sum(amount_minor) filter (where stage = 'PENDING'), 0) as pending, "
            + "coalesce(sum(amount_minor) filter (where stage = 'HELD'), 0) as held, "
            + "coalesce(sum(amount_minor) filter (where stage = 'PAYABLE'), 0) as payable, "
            + "coalesce(sum(amount_minor) filter (where stage = 'IN_BATCH'), 0) as in_batch, "
            + "coalesce(sum(amount_minor) filter (where stage = 'PAID'), 0) as paid, "
            + "coalesce(sum(amount_minor) filter (where stage = 'FORFEITED'), 0) as forfeited, "
            + "coalesce(sum(over_cap_amount_minor) filter (where over_cap_state = 'AWAITING_APPROVAL'), 0) as over_cap "
            + "from session_pay where expert_id = $1 and day between $2 and $3";

    private final Pool pool;

    public StatementQueries(Pool pool) {
        this.pool = pool;
    }

    public Multi<StatementLine> lines(UUID expertId, LocalDate from, LocalDate to) {
        return Multi.createFrom().resourceFromUni(pool::getConnection, conn -> conn.begin().toMulti()
                        .onItem().transformToMultiAndConcatenate(tx -> conn.prepare(LINES).toMulti())
                        .onItem().transformToMultiAndConcatenate(statement -> statement
                                .createStream(FETCH, Tuple.of(expertId, from, to)).toMulti()))
                .withFinalizer(SqlConnection::close)
                .map(StatementQueries::line);
    }

    public Uni<StatementTotals> totals(UUID expertId, LocalDate from, LocalDate to, String currency) {
        return pool.preparedQuery(TOTALS).execute(Tuple.of(expertId, from, to)).map(rows -> {
            Row r = rows.iterator().next();
            return new StatementTotals(money(r, "pending", currency), money(r, "held", currency), money(r, "payable", currency),
                    money(r, "in_batch", currency), money(r, "paid", currency), money(r, "forfeited", currency),
                    money(r, "over_cap", currency));
        });
    }

    private static Money money(Row r, String column, String currency) {
        return new Money(r.getNumeric(column).longValue(), currency);
    }

    /** Basis points as the API writes multipliers: 10000 → 1.0, 12500 → 1.25. */
    static BigDecimal multiplier(int basisPoints) {
        BigDecimal value = BigDecimal.valueOf(basisPoints, 4).stripTrailingZeros();
        return value.scale() < 1 ? value.setScale(1) : value;
    }

    private static StatementLine line(Row r) {
        String currency = r.getString("currency").trim();
        String overCapState = r.getString("over_cap_state");
        boolean overCap = !"NONE".equals(overCapState);
        return new StatementLine(r.getUUID("session_id"), r.getUUID("task_id"), r.getUUID("job_id"), r.getString("title"),
                r.getString("kind"), r.getLocalDate("day"), r.getLong("active_seconds"), r.getLong("paid_seconds"),
                r.getLong("over_cap_seconds"), new Money(r.getLong("hourly_rate_minor"), currency),
                multiplier(r.getInteger("tier_multiplier_bp")),
                new Money(r.getLong("amount_minor"), currency), r.getString("stage"), r.getString("hold_reason"),
                overCap ? new Money(r.getLong("over_cap_amount_minor"), currency) : null,
                overCap ? overCapState : null, r.getString("over_cap_reason"));
    }
}
