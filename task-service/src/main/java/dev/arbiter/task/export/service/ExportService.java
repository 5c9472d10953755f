package dev.arbiter.task.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.task.export.service.ExportFormat.ExportedJudgment;
import dev.arbiter.task.job.service.Actor;
import dev.arbiter.task.job.service.JobService;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Streams a job's judgments as NDJSON: a server-side cursor feeds rows as the client reads them, so
 * memory stays flat whatever the size of the job.
 */
@ApplicationScoped
public class ExportService {

    private static final int FETCH = 256;
    private static final Map<String, String[]> STATUSES = Map.of(
            "accepted", new String[] {"ACCEPTED"},
            "submitted", new String[] {"SUBMITTED", "ACCEPTED", "DISPUTED"},
            "all", new String[] {"SUBMITTED", "REVISION", "ACCEPTED", "REJECTED", "DISPUTED"});

    private static final String ROWS = """
            select d.id, d.item_id, i.external_id, i.prompt, i.responses::text, d.ranking::text, d.preference_strength,
                   d.scores::text, d.rationales::text, d.critiques::text, d.overall_rationale, d.expert_id, d.expert_tier,
                   d.state, to_char(d.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   %s
            from judgment d join item i on i.id = d.item_id
            where d.job_id = $1 and d.state = any($2)
            order by d.submitted_at, d.id""";

    /** Review decisions are only in the native format: other formats skip the per-row subquery. */
    private static final String REVIEWS = """
                   (select coalesce(json_agg(json_build_object('kind', r.kind, 'decision', r.decision,
                           'strengths', r.strengths, 'issues', r.issues,
                           'at', to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by r.created_at), '[]')
                    from review r where r.judgment_id = d.id)::text""";

    private final Pool pool;
    private final JobService jobs;
    private final ObjectMapper json;

    public ExportService(Pool pool, JobService jobs, ObjectMapper json) {
        this.pool = pool;
        this.jobs = jobs;
        this.json = json;
    }

    public static ExportFormat format(String name) {
        try {
            return ExportFormat.valueOf((name == null ? "native" : name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown-format", "format must be one of trl, hh, helpsteer, native")
                    .with("violations", List.of(Map.of("field", "format", "message", "must be one of trl, hh, helpsteer, native")));
        }
    }

    public static String[] states(String status) {
        String[] states = STATUSES.get(status == null ? "accepted" : status.toLowerCase(Locale.ROOT));
        if (states == null) {
            throw ApiProblem.badRequest("unknown-status", "status must be one of accepted, submitted, all")
                    .with("violations", List.of(Map.of("field", "status", "message", "must be one of accepted, submitted, all")));
        }
        return states;
    }

    /** NDJSON rows; fails with 404 before any line if the job is not the actor's. */
    public Multi<ObjectNode> export(Actor actor, UUID jobId, ExportFormat format, String[] states) {
        return jobs.owned(actor, jobId).toMulti().onItem().transformToMultiAndConcatenate(job -> Multi.createFrom()
                        .resourceFromUni(pool::getConnection, conn -> conn.begin().toMulti()
                                .onItem().transformToMultiAndConcatenate(tx -> conn.prepare(ROWS.formatted(format == ExportFormat.NATIVE ? REVIEWS : "'[]'")).toMulti()
                                        .onItem().transformToMultiAndConcatenate(statement -> statement
                                                .createStream(FETCH, Tuple.of(jobId, states)).toMulti())))
                        .withFinalizer((java.util.function.Function<io.vertx.mutiny.sqlclient.SqlConnection, io.smallrye.mutiny.Uni<Void>>) io.vertx.mutiny.sqlclient.SqlConnection::close))
                .onItem().transformToIterable(row -> format.rows(read(row), json));
    }

    private ExportedJudgment read(Row r) {
        JsonNode responses = tree(r.getString(4));
        List<String> ranking = new ArrayList<>();
        tree(r.getString(5)).forEach(n -> ranking.add(n.asText()));
        return new ExportedJudgment(r.getUUID(0).toString(), r.getUUID(1).toString(), r.getString(2), r.getString(3), responses,
                ranking, r.getInteger(6), tree(r.getString(7)), tree(r.getString(8)), tree(r.getString(9)), r.getString(10),
                r.getUUID(11).toString(), r.getInteger(12), r.getString(13), r.getString(14), tree(r.getString(15)),
                ExportedJudgment.textsOf(responses));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
