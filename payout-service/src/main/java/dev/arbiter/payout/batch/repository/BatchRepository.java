package dev.arbiter.payout.batch.repository;

import static dev.arbiter.payout.batch.repository.SqlValues.date;
import static dev.arbiter.payout.batch.repository.SqlValues.instant;
import static dev.arbiter.payout.batch.repository.SqlValues.number;
import static dev.arbiter.payout.batch.repository.SqlValues.text;
import static dev.arbiter.payout.batch.repository.SqlValues.uuid;

import dev.arbiter.payout.batch.service.BatchStatus;
import dev.arbiter.payout.batch.service.BatchSummary;
import dev.arbiter.payout.batch.service.BatchView;
import dev.arbiter.payout.batch.service.LineStatus;
import dev.arbiter.payout.ledger.service.Money;
import dev.arbiter.payout.payline.PayLineRef;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The batch tables and the session lines they take, in the caller's transaction (so that a view read after a
 * change sees it). Rows are mapped to records here, once per query shape.
 */
@ApplicationScoped
public class BatchRepository {

    /** The batch's row as its rules need it. */
    public record BatchRow(UUID id, BatchStatus status, UUID createdBy, String currency) {
    }

    /** A payee's line as settlement needs it. */
    public record LineRow(UUID id, UUID expertId, long amountMinor, LineStatus status, String reference) {
    }

    /** Every payable line of the period, locked: what a batch may take, and no line that turns payable after. */
    private static final String LOCK_PAYABLE = "select expert_id, session_id, amount_minor from session_pay "
            + "where stage = 'PAYABLE' and day <= ?1 order by expert_id, session_id for update";
    /** Payees and amounts come as comma-separated lists (one parameter each, whatever their number). */
    private static final String INSERT_LINES = "insert into payout_batch_line (id, batch_id, expert_id, amount_minor, currency, "
            + "reference, status) select gen_random_uuid(), ?1, t.expert_id, t.amount, ?2, ?3 || case when t.n < 100000 "
            + "then lpad(cast(t.n as text), 5, '0') else cast(t.n as text) end, 'IN_BATCH' from unnest(cast(string_to_array(?4, ',') as uuid[]), "
            + "cast(string_to_array(?5, ',') as bigint[])) with ordinality as t(expert_id, amount, n)";
    private static final String TAKE_ALL_ITEMS = "insert into payout_batch_item (batch_line_id, session_id, amount_minor) "
            + "select l.id, p.session_id, p.amount_minor from payout_batch_line l join session_pay p on p.expert_id = l.expert_id "
            + "where l.batch_id = ?1 and p.stage = 'PAYABLE' and p.session_id = any(cast(string_to_array(?2, ',') as uuid[]))";
    private static final String MOVE_ALL_ITEMS = "update session_pay p set stage = 'IN_BATCH', stage_changed_at = ?2 "
            + "from payout_batch_item i join payout_batch_line l on l.id = i.batch_line_id "
            + "where l.batch_id = ?1 and not i.released and i.session_id = p.session_id and p.stage = 'PAYABLE'";
    private static final String BATCH_REFS = "select p.session_id, p.expert_id, p.job_id, p.organization_id, p.amount_minor "
            + "from payout_batch_line l join payout_batch_item i on i.batch_line_id = l.id "
            + "join session_pay p on p.session_id = i.session_id where l.batch_id = ?1 and not i.released order by p.session_id";
    private static final String OF_PAYEES = "l.batch_id = ?1 and l.expert_id = any(cast(string_to_array(?2, ',') as uuid[]))";
    private static final String SETTLED_REFS = "select p.session_id, p.expert_id, p.job_id, p.organization_id, p.amount_minor "
            + "from payout_batch_line l join payout_batch_item i on i.batch_line_id = l.id "
            + "join session_pay p on p.session_id = i.session_id where " + OF_PAYEES + " and not i.released order by p.session_id";
    private static final String SETTLE_LINES = "update payout_batch_line l set status = ?2, settlement_reference = t.reference, "
            + "settled_at = ?3, failure_reason = t.reason from jsonb_to_recordset(cast(cast(?4 as text) as jsonb)) "
            + "as t(expert_id uuid, reference text, reason text) "
            + "where l.batch_id = ?1 and l.expert_id = t.expert_id and l.status = 'IN_BATCH'";
    private static final String MOVE_SETTLED_ITEMS = "update session_pay p set stage = ?3, stage_changed_at = ?4 "
            + "from payout_batch_item i join payout_batch_line l on l.id = i.batch_line_id "
            + "where " + OF_PAYEES + " and not i.released and i.session_id = p.session_id and p.stage = 'IN_BATCH'";
    private static final String RELEASE_ITEMS = "update payout_batch_item i set released = true from payout_batch_line l "
            + "where l.id = i.batch_line_id and " + OF_PAYEES + " and not i.released";
    private static final String VIEW_LINES = "select l.expert_id, e.display_name, l.amount_minor, l.currency, l.reference, l.status, "
            + "l.settlement_reference, l.failure_reason, l.settled_at from payout_batch_line l "
            + "left join expert_payee e on e.expert_id = l.expert_id where l.batch_id = ?1 order by l.reference";

    /** The period's payable lines, locked for this transaction: each payee's sum, and the lines that make it. */
    public record Payable(Map<UUID, Long> sums, Map<UUID, List<UUID>> sessions) {
    }

    public Uni<Payable> lockPayable(LocalDate periodEnd) {
        return session().chain(s -> s.<Object[]>createNativeQuery(LOCK_PAYABLE).setParameter(1, periodEnd).getResultList())
                .map(rows -> {
                    Map<UUID, Long> sums = new LinkedHashMap<>();
                    Map<UUID, List<UUID>> sessions = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        UUID expert = uuid(r[0]);
                        sums.merge(expert, number(r[2]), Long::sum);
                        sessions.computeIfAbsent(expert, e -> new ArrayList<>()).add(uuid(r[1]));
                    }
                    return new Payable(sums, sessions);
                });
    }

    public Uni<Void> insertBatch(UUID id, LocalDate periodEnd, String currency, long totalMinor, UUID createdBy, Instant at) {
        return update("insert into payout_batch (id, status, period_end, currency, total_minor, created_by, created_at) "
                + "values (?1, 'DRAFT', ?2, ?3, ?4, ?5, ?6)", id, periodEnd, currency, totalMinor, createdBy, utc(at)).replaceWithVoid();
    }

    /**
     * Gives each payee a line (references numbered in the order given) and moves their payable session lines up to
     * {@code periodEnd} into it, in a handful of statements whatever the number of payees; the session lines moved.
     * Only the lines {@link #lockPayable} locked are taken ({@code sessions}): a line that turned payable since is
     * left for the next batch, so each payee's line amount is exactly the sum of what it takes.
     */
    public Uni<List<PayLineRef>> takeAll(UUID batchId, List<UUID> payees, List<Long> amounts, List<UUID> sessions,
                                         String currency, String referencePrefix, Instant at) {
        String sessionIds = String.join(",", sessions.stream().map(UUID::toString).toList());
        String ids = String.join(",", payees.stream().map(UUID::toString).toList());
        String sums = String.join(",", amounts.stream().map(String::valueOf).toList());
        return update(INSERT_LINES, batchId, currency, referencePrefix, ids, sums)
                .invoke(inserted -> requireSame("given a batch line", payees.size(), inserted))
                .chain(() -> update(TAKE_ALL_ITEMS, batchId, sessionIds))
                .invoke(taken -> requireSame("taken into the batch", sessions.size(), taken))
                .chain(taken -> update(MOVE_ALL_ITEMS, batchId, utc(at)).invoke(moved -> requireSame("batched", taken, moved)))
                .chain(() -> session().chain(s -> s.<Object[]>createNativeQuery(BATCH_REFS).setParameter(1, batchId).getResultList()))
                .map(rows -> rows.stream().map(r -> new PayLineRef(uuid(r[0]), uuid(r[1]), uuid(r[2]), uuid(r[3]), number(r[4])))
                        .toList());
    }

    /**
     * Settles many lines the same way in a few statements: their session lines move to PAID, or back to PAYABLE and
     * are released (a later batch may take them); the session lines moved. {@code lines} carries each payee's
     * reference and reason as JSON, so that no provider text is ever spliced into SQL or split on a separator.
     */
    public Uni<List<PayLineRef>> settleAll(UUID batchId, LineStatus outcome, List<UUID> experts, String linesJson, Instant at) {
        String stage = outcome == LineStatus.PAID ? "PAID" : "PAYABLE";
        String ids = String.join(",", experts.stream().map(UUID::toString).toList());
        return session().chain(s -> s.<Object[]>createNativeQuery(SETTLED_REFS).setParameter(1, batchId).setParameter(2, ids)
                        .getResultList())
                .map(rows -> rows.stream().map(r -> new PayLineRef(uuid(r[0]), uuid(r[1]), uuid(r[2]), uuid(r[3]), number(r[4])))
                        .toList())
                .call(refs -> update(SETTLE_LINES, batchId, outcome.name(), utc(at), linesJson)
                        .invoke(updated -> requireSame("settled", experts.size(), updated))
                        .chain(() -> update(MOVE_SETTLED_ITEMS, batchId, ids, stage, utc(at)))
                        .invoke(moved -> requireSame("settled", refs.size(), moved))
                        .chain(() -> outcome == LineStatus.FAILED ? update(RELEASE_ITEMS, batchId, ids) : Uni.createFrom().item(0)));
    }

    public Uni<BatchRow> lock(UUID batchId) {
        return session().chain(s -> s.<Object[]>createNativeQuery(
                        "select id, status, created_by, currency from payout_batch where id = ?1 for update")
                .setParameter(1, batchId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new BatchRow(uuid(rows.get(0)[0]), BatchStatus.valueOf(text(rows.get(0)[1])),
                        uuid(rows.get(0)[2]), text(rows.get(0)[3])));
    }

    public Uni<List<LineRow>> lines(UUID batchId) {
        return session().chain(s -> s.<Object[]>createNativeQuery(
                        "select id, expert_id, amount_minor, status, reference from payout_batch_line where batch_id = ?1 order by reference")
                .setParameter(1, batchId).getResultList())
                .map(rows -> rows.stream().map(r -> new LineRow(uuid(r[0]), uuid(r[1]), number(r[2]),
                        LineStatus.valueOf(text(r[3])), text(r[4]))).toList());
    }

    public Uni<Void> approve(UUID batchId, UUID adminId, Instant at) {
        return update("update payout_batch set status = 'APPROVED', approved_by = ?2, approved_at = ?3 where id = ?1 and status = 'DRAFT'",
                batchId, adminId, utc(at)).invoke(updated -> requireSame("approved", 1, updated)).replaceWithVoid();
    }

    public Uni<Void> markSettled(UUID batchId, Instant at) {
        return update("update payout_batch set status = 'SETTLED', settled_at = ?2 where id = ?1 and status = 'APPROVED'",
                batchId, utc(at)).invoke(updated -> requireSame("marked settled", 1, updated)).replaceWithVoid();
    }

    /** The batch with its lines; null when there is none. */
    public Uni<BatchView> view(UUID batchId) {
        return session().chain(s -> s.<Object[]>createNativeQuery("select id, status, period_end, currency, created_by, created_at, "
                        + "approved_by, approved_at, settled_at, total_minor from payout_batch where id = ?1")
                .setParameter(1, batchId).getResultList()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : s.<Object[]>createNativeQuery(VIEW_LINES).setParameter(1, batchId).getResultList()
                                .map(lines -> toView(rows.get(0), lines))));
    }

    public Uni<List<BatchSummary>> list(int limit, int offset) {
        return session().chain(s -> s.<Object[]>createNativeQuery("select b.id, b.status, b.period_end, b.created_by, b.created_at, "
                        + "b.approved_by, b.settled_at, (select count(*) from payout_batch_line l where l.batch_id = b.id), "
                        + "b.total_minor, b.currency from payout_batch b order by b.created_at desc, b.id limit ?1 offset ?2")
                .setParameter(1, limit).setParameter(2, offset).getResultList())
                .map(rows -> rows.stream().map(r -> new BatchSummary(uuid(r[0]), BatchStatus.valueOf(text(r[1])), date(r[2]),
                        uuid(r[3]), instant(r[4]), uuid(r[5]), instant(r[6]), (int) number(r[7]),
                        new Money(number(r[8]), text(r[9])))).toList());
    }

    private static BatchView toView(Object[] b, List<Object[]> lineRows) {
        List<BatchView.Line> lines = new ArrayList<>();
        for (Object[] r : lineRows) {
            lines.add(new BatchView.Line(uuid(r[0]), text(r[1]), new Money(number(r[2]), text(r[3])), text(r[4]),
                    LineStatus.valueOf(text(r[5])), text(r[6]), text(r[7]), instant(r[8])));
        }
        String currency = text(b[3]);
        return new BatchView(uuid(b[0]), BatchStatus.valueOf(text(b[1])), date(b[2]), currency, uuid(b[4]), instant(b[5]),
                uuid(b[6]), instant(b[7]), instant(b[8]), lines, new Money(number(b[9]), currency));
    }

    /** A guarded update that did not touch the rows it had to is a bug: the whole transaction is rolled back. */
    private static void requireSame(String what, int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException(expected + " rows were to be " + what + ", " + actual + " were");
        }
    }

    private static Uni<Integer> update(String sql, Object... params) {
        return session().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
