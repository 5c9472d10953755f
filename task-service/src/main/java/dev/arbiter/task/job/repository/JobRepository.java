package dev.arbiter.task.job.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.arbiter.task.claim.model.SlotState;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.job.model.Dimension;
import dev.arbiter.task.job.model.Job;
import dev.arbiter.task.job.model.JobStatus;
import dev.arbiter.task.job.model.Money;
import dev.arbiter.task.job.model.PauseReason;
import dev.arbiter.task.judgment.model.JudgmentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The SQL of the {@code job} table and its one row mapper. */
@ApplicationScoped
public class JobRepository {

    private static final TypeReference<List<Dimension>> DIMENSIONS = new TypeReference<>() {
    };
    private static final List<String> COLUMNS = List.of("id", "organization_id", "title", "domain", "instructions",
            "comparison", "dimensions::text as dimensions", "judgments_per_item", "min_tier", "hourly_rate_minor",
            "currency", "expected_minutes_per_item", "budget_minor", "min_rationale_length", "spot_check_percent",
            "max_leases_per_expert", "status", "pause_reason", "item_count", "created_at");
    private static final String SELECT = "select " + columns("job") + " from job ";

    private final Pool pool;
    private final JsonColumns json;

    public JobRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** The job columns qualified by a table alias, ready for a select list. */
    public static String columns(String alias) {
        return COLUMNS.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    public Uni<Void> insert(Job job, UUID createdBy) {
        return pool.preparedQuery("insert into job (id, organization_id, created_by, title, domain, instructions, comparison, "
                        + "dimensions, judgments_per_item, min_tier, hourly_rate_minor, currency, expected_minutes_per_item, "
                        + "budget_minor, min_rationale_length, spot_check_percent, max_leases_per_expert, status, created_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)")
                .execute(Tuple.from(Arrays.asList(job.id(), job.organizationId(), createdBy, job.title(), job.domain(),
                        job.instructions(), job.comparison().name(), json.write(job.dimensions()), job.judgmentsPerItem(),
                        job.minTier(), job.hourlyRate().amountMinor(), job.currency(), job.expectedMinutesPerItem(),
                        job.budget().amountMinor(), job.minRationaleLength(), job.spotCheckPercent(), job.maxLeasesPerExpert(),
                        job.status().name(),
                        job.createdAt().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<Job> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT + "where job.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<Job> find(UUID id) {
        return find(pool, id);
    }

    public Uni<List<Job>> ofOrganization(UUID organizationId) {
        return list(SELECT + "where job.organization_id = $1 order by job.created_at desc limit 500", Tuple.of(organizationId));
    }

    public Uni<List<Job>> all() {
        return list(SELECT + "order by job.created_at desc limit 500", Tuple.tuple());
    }

    /** A job open to an expert, with their tier in its domain. */
    public record OpenJob(Job job, int tier) {
    }

    /** Published jobs whose domain and minimum tier the expert meets. */
    public Uni<List<OpenJob>> openFor(UUID expertId) {
        return pool.preparedQuery("select " + columns("j") + ", d.tier as expert_tier from job j join expert_domain d "
                        + "on d.domain = j.domain and d.expert_id = $1 and d.tier >= j.min_tier where j.status = "
                        + Sql.is(JobStatus.PUBLISHED) + " order by j.created_at desc limit 500")
                .execute(Tuple.of(expertId)).map(rows -> {
                    List<OpenJob> open = new ArrayList<>();
                    rows.forEach(r -> open.add(new OpenJob(map(r), r.getInteger("expert_tier"))));
                    return open;
                });
    }

    /** What publishing needs to know of a job, read with its row locked until the transaction ends. */
    public record PublishState(JobStatus status, boolean reservedBefore, boolean budgetExhausted) {
    }

    public Uni<PublishState> lockForPublish(SqlClient tx, UUID id) {
        return tx.preparedQuery("select status, first_published_at is not null as reserved, "
                        + "budget_exhausted_at is not null as exhausted from job where id = $1 for update")
                .execute(Tuple.of(id)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new PublishState(JobStatus.valueOf(r.getString("status")), r.getBoolean("reserved"),
                            r.getBoolean("exhausted"));
                });
    }

    /** The budgets the organization's jobs reserved by being published, this job aside. */
    public Uni<Long> reservedOf(SqlClient tx, UUID organizationId, UUID exceptJob) {
        return tx.preparedQuery("select coalesce(sum(budget_minor), 0) as reserved from job where organization_id = $1 "
                        + "and first_published_at is not null and id <> $2").execute(Tuple.of(organizationId, exceptJob))
                .map(rows -> rows.iterator().next().getLong("reserved"));
    }

    /** Publishes the locked job; the first publish stamps {@code first_published_at} (its reservation). */
    public Uni<Job> publish(SqlClient tx, UUID id) {
        return tx.preparedQuery("update job set status = " + Sql.is(JobStatus.PUBLISHED) + ", pause_reason = null, "
                        + "first_published_at = coalesce(first_published_at, now()) where id = $1 returning " + columns("job"))
                .execute(Tuple.of(id)).map(rows -> map(rows.iterator().next()));
    }

    /** The lab pauses its published job; null when it was not published. */
    public Uni<Job> pauseByLab(UUID id) {
        return pool.preparedQuery("update job set status = " + Sql.is(JobStatus.PAUSED) + ", pause_reason = "
                        + Sql.is(PauseReason.LAB) + " where id = $1 and status = " + Sql.is(JobStatus.PUBLISHED)
                        + " returning " + columns("job"))
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** A published job is complete once every slot holds a judgment and none awaits a decision. */
    public Uni<Void> completeIfDone(SqlClient tx, UUID id) {
        return tx.preparedQuery("update job set status = " + Sql.is(JobStatus.COMPLETED) + " where id = $1 and status = "
                        + Sql.is(JobStatus.PUBLISHED) + " and not exists (select 1 from item_slot where job_id = $1 and state <> " + Sql.is(SlotState.DONE) + ") "
                        + "and not exists (select 1 from judgment where job_id = $1 and state in " + Sql.in(JudgmentState.UNDECIDED) + ")")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * A rejection after completion leaves a slot to fill again: the job takes claims again, unless its budget is
     * exhausted, when it stays paused for it.
     */
    public Uni<Void> reopen(SqlClient tx, UUID id) {
        return tx.preparedQuery("update job set status = case when budget_exhausted_at is null then "
                + Sql.is(JobStatus.PUBLISHED) + " else " + Sql.is(JobStatus.PAUSED) + " end, pause_reason = case when "
                + "budget_exhausted_at is null then null else " + Sql.is(PauseReason.BUDGET_EXHAUSTED) + " end "
                + "where id = $1 and status = " + Sql.is(JobStatus.COMPLETED)).execute(Tuple.of(id)).replaceWithVoid();
    }

    /** What the job has cost so far, as the ledger's newest {@code SessionPayChanged} said; 0 before any pay. */
    public Uni<Long> spentOf(SqlClient client, UUID id) {
        return client.preparedQuery("select spent_minor from job where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("spent_minor"));
    }

    public Uni<Void> addItems(SqlClient tx, UUID id, int count) {
        return tx.preparedQuery("update job set item_count = item_count + $2 where id = $1").execute(Tuple.of(id, count))
                .replaceWithVoid();
    }

    private Uni<List<Job>> list(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Job> jobs = new ArrayList<>();
            rows.forEach(r -> jobs.add(map(r)));
            return jobs;
        });
    }

    private Job map(Row r) {
        String currency = r.getString("currency");
        return new Job(r.getUUID("id"), r.getUUID("organization_id"), r.getString("title"), r.getString("domain"),
                r.getString("instructions"), Comparison.valueOf(r.getString("comparison")),
                json.read(r.getString("dimensions"), DIMENSIONS), r.getInteger("judgments_per_item"), r.getInteger("min_tier"),
                new Money(r.getLong("hourly_rate_minor"), currency), r.getInteger("expected_minutes_per_item"),
                new Money(r.getLong("budget_minor"), currency), r.getInteger("min_rationale_length"),
                r.getInteger("spot_check_percent"), r.getInteger("max_leases_per_expert"), JobStatus.valueOf(r.getString("status")),
                r.getString("pause_reason") == null ? null : PauseReason.valueOf(r.getString("pause_reason")), r.getInteger("item_count"),
                r.getOffsetDateTime("created_at").toInstant(), null, null);
    }
}
