package dev.arbiter.task.export.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.export.model.ExportFormat.ExportedJudgment;
import dev.arbiter.task.export.model.Provenance;
import dev.arbiter.task.job.model.Comparison;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionState;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a job's judgments with their items through a server-side cursor, {@value #FETCH} rows at a
 * time as the client reads them, so that memory stays flat whatever the size of the job.
 */
@ApplicationScoped
public class ExportRepository {

    private static final int FETCH = 256;
    private static final String UTC = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

    private static final String ROWS = """
            select d.id, d.item_id, i.external_id, i.prompt, %s, %s as ranking,
                   d.preference_strength, %s, d.expert_id, d.expert_tier, d.state,
                   to_char(d.submitted_at at time zone 'UTC', %s) as submitted_at,
                   %s as response_order,
                   p.session_states, p.active_seconds, p.external_paste_share,
                   %s as reviews
            from judgment d join item i on i.id = d.item_id join task t on t.id = d.task_id
            cross join lateral (%s) p
            where d.job_id = $1 and d.state = any($2) and d.state <> %s and p.confirmed is not true%s
            order by d.submitted_at, d.id""";

    /**
     * The provenance of one judgment: its task's claim and revision sessions (never the reviews of it),
     * aggregated to one row through {@code work_session_of_task}, one index lookup per judgment as the
     * cursor reads it. {@code confirmed}: a session of it is confirmed fraud (never exported, whatever the
     * filter); {@code trusted}: every session is VERIFIED or CLEARED (null without sessions, so such a
     * judgment is never "verified"). The paste share is the latest submitting session's, once finalised.
     */
    private static final String PROVENANCE = ("""
            select array_agg(s.state) as session_states,
                   sum(s.active_seconds)::bigint as active_seconds,
                   (array_agg(case when s.finalised_at is not null then s.external_paste_share end
                              order by s.closed_at desc) filter (where s.close_reason = %s))[1] as external_paste_share,
                   bool_or(s.state = %s) as confirmed,
                   bool_and(s.state in %s) as trusted
            from work_session s
            where s.task_id = d.task_id and s.kind in %s""").formatted(Sql.is(CloseReason.SUBMITTED),
            Sql.is(SessionState.CONFIRMED), Sql.in(SessionState.TRUSTED), Sql.in(SessionKind.CLAIM, SessionKind.REVISION));

    /**
     * The most responses an item has (the largest comparison's): the arrays below take element 0 to this one less by
     * index, and stop at the first missing one.
     */
    private static final int MAX_RESPONSES = Arrays.stream(Comparison.values()).mapToInt(Comparison::maxResponses).max()
            .orElseThrow();

    /**
     * The item's responses: whole, as stored, for the format that shows them ({@code native}); else only their ids and
     * texts, taken out of the jsonb by PostgreSQL (each response's {@code id} and {@code text} are strings, checked at
     * upload), so that the service neither receives the document as text nor parses it. By index rather than through
     * {@code jsonb_array_elements}: a subquery per row cost PostgreSQL three times the time of the whole row as text.
     */
    private static final String RESPONSES_WHOLE = "i.responses::text as responses, null::text[] as response_ids, "
            + "null::text[] as response_texts";
    private static final String RESPONSE_TEXTS = "null::text as responses, " + elements("i.responses->%d->>'id'")
            + " as response_ids, " + elements("i.responses->%d->>'text'") + " as response_texts";

    /** The judgment's written parts, read only for the formats that show them (see {@link #stream}). */
    private static final String DETAILS = "d.scores::text as scores, d.rationales::text as rationales, "
            + "d.critiques::text as critiques, d.overall_rationale";
    private static final String NO_DETAILS = "null::text as scores, null::text as rationales, null::text as critiques, "
            + "null::text as overall_rationale";

    /** Review decisions are only read for the format that shows them: others skip the per-row subquery. */
    private static final String REVIEWS = """
            (select coalesce(json_agg(json_build_object('kind', r.kind, 'decision', r.decision,
                    'strengths', r.strengths, 'issues', r.issues,
                    'at', to_char(r.created_at at time zone 'UTC', %s)) order by r.created_at), '[]')
             from review r where r.judgment_id = d.id)::text""".formatted(UTC);

    private final Pool pool;
    private final JsonColumns json;

    public ExportRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * The job's judgments in the given states, oldest submission first. Void judgments and judgments with a
     * confirmed-fraud session are never among them; {@code verifiedOnly} keeps only those whose every session
     * is trusted. Without {@code withDetails} the scores, rationales, critiques and overall rationale are
     * neither read nor parsed (they are null): the pair formats show none of them. With {@code whole} (the native format)
     * the item's responses are read whole and the reviews with them; without, only the responses' ids and texts are
     * read, and no reviews ({@code responses} and {@code reviews} are null).
     */
    public Multi<ExportedJudgment> stream(UUID jobId, JudgmentState[] states, boolean withDetails, boolean whole,
                                          boolean verifiedOnly) {
        String sql = ROWS.formatted(whole ? RESPONSES_WHOLE : RESPONSE_TEXTS, elements("d.ranking->>%d"),
                withDetails ? DETAILS : NO_DETAILS, UTC, elements("t.response_order->>%d"), whole ? REVIEWS : "null::text",
                PROVENANCE, Sql.is(JudgmentState.VOID), verifiedOnly ? " and p.trusted" : "");
        return Multi.createFrom().resourceFromUni(pool::getConnection, conn -> conn.begin().toMulti()
                        .onItem().transformToMultiAndConcatenate(tx -> conn.prepare(sql).toMulti())
                        .onItem().transformToMultiAndConcatenate(statement -> statement
                                .createStream(FETCH, Tuple.of(jobId, Sql.names(states))).toMulti()))
                .withFinalizer(SqlConnection::close)
                .map(this::map);
    }

    /**
     * {@code array[e(0), …, e(MAX_RESPONSES - 1)]}: a jsonb array's first elements as a {@code text[]}, null past its
     * end (see {@link #present}).
     */
    private static String elements(String element) {
        return IntStream.range(0, MAX_RESPONSES).mapToObj(element::formatted).collect(Collectors.joining(", ", "array[", "]"));
    }

    /** The elements before the first null: the array's own (none of which is null: ids, texts and rankings are strings). */
    private static List<String> present(String[] elements) {
        int n = 0;
        while (n < elements.length && elements[n] != null) {
            n++;
        }
        return Arrays.asList(elements).subList(0, n);
    }

    private ExportedJudgment map(Row r) {
        String whole = r.getString("responses");
        JsonNode responses = whole == null ? null : json.read(whole);
        Map<String, String> texts = responses != null ? ExportedJudgment.textsOf(responses)
                : ExportedJudgment.textsOf(present(r.getArrayOfStrings("response_ids")), r.getArrayOfStrings("response_texts"));
        return new ExportedJudgment(r.getUUID("id").toString(), r.getUUID("item_id").toString(), r.getString("external_id"),
                r.getString("prompt"), responses, present(r.getArrayOfStrings("ranking")), r.getInteger("preference_strength"),
                json.readOrNull(r.getString("scores")), json.readOrNull(r.getString("rationales")),
                json.readOrNull(r.getString("critiques")),
                r.getString("overall_rationale"), r.getUUID("expert_id").toString(), r.getInteger("expert_tier"),
                r.getString("state"), r.getString("submitted_at"), json.readOrNull(r.getString("reviews")), texts,
                present(r.getArrayOfStrings("response_order")), provenance(r));
    }

    private static Provenance provenance(Row r) {
        String[] states = r.getArrayOfStrings("session_states");
        if (states == null) {
            return Provenance.NONE;
        }
        return new Provenance(Provenance.leastTrusted(Arrays.stream(states).map(SessionState::valueOf).toList()),
                r.getLong("active_seconds"), r.getDouble("external_paste_share"));
    }
}
