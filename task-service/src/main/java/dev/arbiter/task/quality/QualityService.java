package dev.arbiter.task.quality;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.tasks.v1.ExpertQualityMeasured;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.judgment.model.JudgmentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An expert's quality in a domain: gold accuracy, agreement with consensus and acceptance, and the score
 * they make. Gold items score silently (the expert never learns which items were gold); consensus is
 * agreement of the expert's top choice with the majority top choice of the other experts on the same item.
 * Void judgments (confirmed fraud) are no evidence of anything: they count neither for nor against anyone.
 *
 * <p>task-service measures quality but does not decide tiers: each measurement is reported as
 * {@code ExpertQualityMeasured}, and qualification-service, which owns the expert's standing, decides
 * whether it moves the tier (then task-service learns the new tier from {@code ExpertQualified}).
 */
@ApplicationScoped
public class QualityService {

    public record Quality(String domain, int tier, double qualityScore, Double goldAccuracy, Double consensusAgreement,
                          Double acceptanceRate, int decidedJudgments) {
    }

    private static final String EVIDENCE = """
            with mine as (
                select d.item_id, d.ranking->>0 as top, d.state, d.gold_correct from judgment d join job j on j.id = d.job_id
                where d.expert_id = $1 and j.domain = $2 and d.state <> %3$s),
            others as (
                select d.item_id, d.ranking->>0 as top, count(*) as n from judgment d join mine m on m.item_id = d.item_id
                where d.expert_id <> $1 and d.state not in (%1$s, %3$s) group by d.item_id, d.ranking->>0),
            majority as (select distinct on (item_id) item_id, top from others order by item_id, n desc, top)
            select
              (select count(*) from mine where gold_correct is not null) as gold_items,
              (select count(*) from mine where gold_correct) as gold_matched,
              (select count(*) from mine m join majority b using (item_id) where m.state <> %1$s) as consensus_items,
              (select count(*) from mine m join majority b using (item_id) where m.state <> %1$s and m.top = b.top)
                as consensus_matched,
              (select count(*) from mine where state in (%2$s, %1$s)) as decided,
              (select count(*) from mine where state = %2$s) as accepted""".formatted(
            Sql.is(JudgmentState.REJECTED), Sql.is(JudgmentState.ACCEPTED), Sql.is(JudgmentState.VOID));

    private static final String SAVE = "insert into expert_quality (expert_id, domain, quality_score, gold_accuracy, "
            + "consensus_agreement, acceptance_rate, decided_judgments) values ($1, $2, $3, $4, $5, $6, $7) "
            + "on conflict (expert_id, domain) do update set quality_score = excluded.quality_score, "
            + "gold_accuracy = excluded.gold_accuracy, consensus_agreement = excluded.consensus_agreement, "
            + "acceptance_rate = excluded.acceptance_rate, decided_judgments = excluded.decided_judgments, updated_at = now()";

    /** Tombstones of revoked standings (no tier) are not a domain the expert works in. */
    private static final String OF_EXPERT = "select d.domain, d.tier, q.quality_score, q.gold_accuracy, "
            + "q.consensus_agreement, q.acceptance_rate, q.decided_judgments from expert_domain d left join expert_quality q "
            + "on q.expert_id = d.expert_id and q.domain = d.domain where d.expert_id = $1 and d.tier is not null order by d.domain";

    private final Pool pool;
    private final TaskOutbox outbox;

    public QualityService(Pool pool, TaskOutbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /**
     * Recomputes the expert's quality in the domain within the caller's transaction, and reports it as
     * {@code ExpertQualityMeasured} in that same transaction.
     */
    public Uni<Void> recompute(SqlConnection tx, UUID expertId, String domain) {
        return tx.preparedQuery(EVIDENCE).execute(Tuple.of(expertId, domain)).chain(rows -> {
            Row r = rows.iterator().next();
            Double gold = ratio(r.getLong("gold_matched"), r.getLong("gold_items"));
            Double consensus = ratio(r.getLong("consensus_matched"), r.getLong("consensus_items"));
            Double acceptance = ratio(r.getLong("accepted"), r.getLong("decided"));
            int decided = r.getLong("decided").intValue();
            double score = QualityScore.of(gold, consensus, acceptance);
            return tx.preparedQuery(SAVE)
                    .execute(Tuple.from(Arrays.asList(expertId, domain, score, gold, consensus, acceptance, decided)))
                    .chain(() -> outbox.append(tx, outbox.envelope(expertId)
                            .setExpertQualityMeasured(measured(expertId, domain, score, gold, consensus, acceptance, decided))
                            .build()));
        });
    }

    /** The expert's own quality per domain they hold a tier in, with the tier qualification-service set. */
    public Uni<List<Quality>> of(UUID expertId) {
        return pool.preparedQuery(OF_EXPERT).execute(Tuple.of(expertId)).map(rows -> {
            List<Quality> out = new ArrayList<>();
            for (Row r : rows) {
                Double score = r.getDouble("quality_score");
                Integer decided = r.getInteger("decided_judgments");
                out.add(new Quality(r.getString("domain"), r.getInteger("tier"), score == null ? 0 : score,
                        r.getDouble("gold_accuracy"), r.getDouble("consensus_agreement"), r.getDouble("acceptance_rate"),
                        decided == null ? 0 : decided));
            }
            return out;
        });
    }

    private static ExpertQualityMeasured.Builder measured(UUID expertId, String domain, double score, Double gold,
                                                          Double consensus, Double acceptance, int decided) {
        Instant now = Instant.now();
        ExpertQualityMeasured.Builder event = ExpertQualityMeasured.newBuilder()
                .setExpertId(expertId.toString())
                .setDomain(domain)
                .setQualityScore(score)
                .setDecidedJudgments(decided)
                .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        // Absent, not zero, when there is no evidence of that kind: qualification-service must tell them apart.
        if (gold != null) {
            event.setGoldAccuracy(gold);
        }
        if (consensus != null) {
            event.setConsensusAgreement(consensus);
        }
        if (acceptance != null) {
            event.setAcceptanceRate(acceptance);
        }
        return event;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
