package dev.arbiter.payout.lab.service;

import dev.arbiter.payout.ledger.service.Ledger;
import dev.arbiter.payout.ledger.service.Money;
import dev.arbiter.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads a lab organization's balance and its jobs' budgets from the stored account balances and session lines. */
@ApplicationScoped
public class LabPayService {

    private static final String KNOWN = "select exists (select 1 from organization where id = $1) "
            + "or exists (select 1 from job_budget where organization_id = $1) as known";
    private static final String BALANCE = "select coalesce(sum(balance_minor), 0) as balance from ledger_account "
            + "where kind = 'LAB_BALANCE' and organization_id = $1";
    private static final String JOBS = "select b.job_id, b.title, b.budget_minor, coalesce(a.balance_minor, 0) as reserved, "
            + "coalesce(s.spent, 0) as spent, b.exhausted_at is not null as exhausted "
            + "from job_budget b left join ledger_account a on a.kind = 'JOB_RESERVATION' and a.job_id = b.job_id "
            + "left join (select job_id, sum(amount_minor) as spent from session_pay "
            + "where organization_id = $1 and stage <> 'FORFEITED' group by job_id) s on s.job_id = b.job_id "
            + "where b.organization_id = $1 order by b.reserved_at, b.job_id";

    private final Pool pool;
    private final Ledger ledger;

    public LabPayService(Pool pool, Ledger ledger) {
        this.pool = pool;
        this.ledger = ledger;
    }

    /** {@code mustBeKnown}: 404 for an organization this service never heard of (an admin's typo), else zeros. */
    public Uni<LabPay> of(UUID organizationId, boolean mustBeKnown) {
        String currency = ledger.currency();
        Uni<Boolean> known = mustBeKnown
                ? pool.preparedQuery(KNOWN).execute(Tuple.of(organizationId)).map(rows -> rows.iterator().next().getBoolean("known"))
                : Uni.createFrom().item(true);
        return known.invoke(k -> {
            if (!k) {
                throw ApiProblem.notFound("Organization", organizationId);
            }
        }).chain(() -> pool.preparedQuery(BALANCE).execute(Tuple.of(organizationId)))
                .map(rows -> rows.iterator().next().getNumeric("balance").longValue())
                .chain(balance -> pool.preparedQuery(JOBS).execute(Tuple.of(organizationId)).map(rows -> {
                    List<LabPay.Job> jobs = new ArrayList<>();
                    for (Row r : rows) {
                        Money reserved = new Money(r.getLong("reserved"), currency);
                        jobs.add(new LabPay.Job(r.getUUID("job_id"), r.getString("title"),
                                new Money(r.getLong("budget_minor"), currency), reserved,
                                new Money(r.getNumeric("spent").longValue(), currency), reserved, r.getBoolean("exhausted")));
                    }
                    return new LabPay(organizationId, new Money(balance, currency), jobs);
                }));
    }
}
