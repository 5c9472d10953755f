package dev.arbiter.task.quality;

import dev.arbiter.task.db.Sql;
import dev.arbiter.task.job.model.JobProgress.Agreement;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.quality.KrippendorffAlpha.Metric;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How far a job's experts agree: ordinal alpha over the rank each judgment gives each response, and
 * interval alpha per dimension over the scores. A unit is one response of one item; rejected
 * judgments do not count.
 */
@ApplicationScoped
public class JobAgreement {

    private static final String COUNTED = Sql.in(JudgmentState.COUNTED);
    private static final String RANKS = "select d.item_id::text || '/' || r.id as unit, r.pos from judgment d, "
            + "jsonb_array_elements_text(d.ranking) with ordinality r(id, pos) where d.job_id = $1 and d.state in " + COUNTED;
    private static final String SCORES = "select d.item_id::text || '/' || s.key as unit, k.key as dimension, k.value as score "
            + "from judgment d, jsonb_each(d.scores) s, jsonb_each_text(s.value) k where d.job_id = $1 and d.state in " + COUNTED;

    private final Pool pool;

    public JobAgreement(Pool pool) {
        this.pool = pool;
    }

    public Uni<Agreement> of(UUID jobId) {
        return pool.preparedQuery(RANKS).execute(Tuple.of(jobId)).chain(ranks -> pool.preparedQuery(SCORES)
                .execute(Tuple.of(jobId)).map(scores -> {
                    Map<String, List<Double>> rankUnits = new HashMap<>();
                    for (Row r : ranks) {
                        rankUnits.computeIfAbsent(r.getString("unit"), k -> new ArrayList<>()).add(r.getLong("pos").doubleValue());
                    }
                    Map<String, Map<String, List<Double>>> byDimension = new TreeMap<>();
                    for (Row r : scores) {
                        byDimension.computeIfAbsent(r.getString("dimension"), k -> new HashMap<>())
                                .computeIfAbsent(r.getString("unit"), k -> new ArrayList<>()).add(Double.parseDouble(r.getString("score")));
                    }
                    Map<String, Double> dimensions = new TreeMap<>();
                    byDimension.forEach((dim, units) -> dimensions.put(dim, KrippendorffAlpha.of(units.values(), Metric.INTERVAL)));
                    return new Agreement(KrippendorffAlpha.of(rankUnits.values(), Metric.ORDINAL), dimensions);
                }));
    }
}
