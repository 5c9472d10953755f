package dev.arbiter.task.job.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.job.rest.JobApi.Comparison;
import dev.arbiter.task.job.rest.JobApi.Dimension;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL over jobs. */
@ApplicationScoped
public class JobRepository {

    private static final TypeReference<List<Dimension>> DIMENSIONS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public JobRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(JobRow job, UUID createdBy) {
        return pool.preparedQuery("insert into job (id, organization_id, created_by, title, domain, instructions, comparison, "
                        + "dimensions, judgments_per_item, min_tier, hourly_rate_minor, currency, expected_minutes_per_item, "
                        + "budget_minor, min_rationale_length, spot_check_percent, status) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17)")
                .execute(Tuple.from(List.of(job.id(), job.organizationId(), createdBy, job.title(), job.domain(),
                        job.instructions(), job.comparison().name(), write(job.dimensions()), job.judgmentsPerItem(),
                        job.minTier(), job.hourlyRateMinor(), job.currency(), job.expectedMinutesPerItem(), job.budgetMinor(),
                        job.minRationaleLength(), job.spotCheckPercent(), job.status())))
                .replaceWithVoid();
    }

    public Uni<JobRow> find(SqlClient client, UUID id) {
        return client.preparedQuery("select " + JobRow.COLUMNS + " from job where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<JobRow> find(UUID id) {
        return find(pool, id);
    }

    public Uni<List<JobRow>> ofOrganization(UUID organizationId) {
        return list("select " + JobRow.COLUMNS + " from job where organization_id = $1 order by created_at desc limit 500",
                Tuple.of(organizationId));
    }

    public Uni<List<JobRow>> all() {
        return list("select " + JobRow.COLUMNS + " from job order by created_at desc limit 500", Tuple.tuple());
    }

    /** Published jobs whose domain and minimum tier the expert meets. */
    public Uni<List<JobRow>> openFor(UUID expertId) {
        return list("select " + JobRow.columns("j") + " from job j join expert_domain d on d.domain = j.domain "
                        + "and d.expert_id = $1 and d.tier >= j.min_tier where j.status = 'PUBLISHED' order by j.created_at desc limit 500",
                Tuple.of(expertId));
    }

    /** Moves the job from one of {@code from} to {@code to}; false when its status was none of them. */
    public Uni<Boolean> transition(UUID id, List<String> from, String to) {
        return pool.preparedQuery("update job set status = $2 where id = $1 and status = any($3)")
                .execute(Tuple.of(id, to, from.toArray(String[]::new)))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<List<JobRow>> list(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<JobRow> jobs = new ArrayList<>();
            rows.forEach(r -> jobs.add(map(r)));
            return jobs;
        });
    }

    private JobRow map(Row r) {
        OffsetDateTime created = r.getOffsetDateTime(17);
        return new JobRow(r.getUUID(0), r.getUUID(1), r.getString(2), r.getString(3), r.getString(4),
                Comparison.valueOf(r.getString(5)), read(r.getString(6)), r.getInteger(7), r.getInteger(8), r.getLong(9),
                r.getString(10), r.getInteger(11), r.getLong(12), r.getInteger(13), r.getInteger(14), r.getString(15),
                r.getInteger(16), created.toInstant());
    }

    private String write(List<Dimension> dimensions) {
        try {
            return json.writeValueAsString(dimensions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Dimension> read(String text) {
        try {
            return json.readValue(text, DIMENSIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
