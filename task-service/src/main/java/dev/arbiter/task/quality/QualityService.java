package dev.arbiter.task.quality;

import dev.arbiter.proto.tasks.v1.ExpertTierChanged;
import dev.arbiter.task.events.TaskOutbox;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An expert's quality score in a domain and the tier moves it causes. Gold items score silently
 * (the expert never learns which items were gold); consensus is agreement of the expert's top choice
 * with the majority top choice of the other experts on the same item.
 */
@ApplicationScoped
public class QualityService {

    /** How quality turns into tier moves. */
    @ConfigMapping(prefix = "arbiter.tasks.quality")
    public interface QualityConfig {
        /** Decided judgments needed since the last move (or since the start) before the tier may move. */
        @WithDefault("10")
        int evidenceForMove();

        /** At or above this score the tier rises (up to 3). */
        @WithDefault("0.85")
        double promoteAt();

        /** Below this score the tier falls (down to 1). */
        @WithDefault("0.5")
        double demoteBelow();
    }

    public record Quality(String domain, int tier, double qualityScore, Double goldAccuracy, Double consensusAgreement,
                          Double acceptanceRate, int decidedJudgments) {
    }

    private static final String EVIDENCE = """
            with mine as (
                select d.item_id, d.ranking->>0 as top, d.state, d.gold_correct from judgment d join job j on j.id = d.job_id
                where d.expert_id = $1 and j.domain = $2),
            others as (
                select d.item_id, d.ranking->>0 as top, count(*) as n from judgment d join mine m on m.item_id = d.item_id
                where d.expert_id <> $1 and d.state <> 'REJECTED' group by d.item_id, d.ranking->>0),
            majority as (select distinct on (item_id) item_id, top from others order by item_id, n desc, top)
            select
              (select count(*) from mine where gold_correct is not null),
              (select count(*) from mine where gold_correct),
              (select count(*) from mine m join majority b using (item_id) where m.state <> 'REJECTED'),
              (select count(*) from mine m join majority b using (item_id) where m.state <> 'REJECTED' and m.top = b.top),
              (select count(*) from mine where state in ('ACCEPTED', 'REJECTED')),
              (select count(*) from mine where state = 'ACCEPTED'),
              (select tier from expert_domain where expert_id = $1 and domain = $2),
              (select judgments_at_last_move from expert_quality where expert_id = $1 and domain = $2)""";

    private final Pool pool;
    private final TaskOutbox outbox;
    private final QualityConfig config;

    public QualityService(Pool pool, TaskOutbox outbox, QualityConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
    }

    /** Recomputes the expert's quality in the domain within the caller's transaction; moves the tier if earned. */
    public Uni<Void> recompute(SqlConnection tx, UUID expertId, String domain) {
        return tx.preparedQuery(EVIDENCE).execute(Tuple.of(expertId, domain)).chain(rows -> {
            Row r = rows.iterator().next();
            Double gold = ratio(r.getLong(1), r.getLong(0));
            Double consensus = ratio(r.getLong(3), r.getLong(2));
            Double acceptance = ratio(r.getLong(5), r.getLong(4));
            int decided = r.getLong(4).intValue();
            Integer tier = r.getInteger(6);
            int lastMove = r.getInteger(7) == null ? 0 : r.getInteger(7);
            double score = QualityScore.of(gold, consensus, acceptance);
            int newTier = tier == null || decided - lastMove < config.evidenceForMove() ? (tier == null ? 0 : tier)
                    : score >= config.promoteAt() ? Math.min(3, tier + 1) : score < config.demoteBelow() ? Math.max(1, tier - 1) : tier;
            boolean moved = tier != null && newTier != tier;
            Uni<?> save = tx.preparedQuery("insert into expert_quality (expert_id, domain, quality_score, gold_accuracy, "
                            + "consensus_agreement, acceptance_rate, decided_judgments, judgments_at_last_move) "
                            + "values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (expert_id, domain) do update set "
                            + "quality_score = excluded.quality_score, gold_accuracy = excluded.gold_accuracy, "
                            + "consensus_agreement = excluded.consensus_agreement, acceptance_rate = excluded.acceptance_rate, "
                            + "decided_judgments = excluded.decided_judgments, judgments_at_last_move = excluded.judgments_at_last_move, "
                            + "updated_at = now()")
                    .execute(Tuple.from(java.util.Arrays.asList(expertId, domain, score, gold, consensus, acceptance, decided,
                            moved ? decided : lastMove)));
            if (!moved) {
                return save.replaceWithVoid();
            }
            return save.chain(() -> tx.preparedQuery("update expert_domain set tier = $3, source = 'QUALITY', updated_at = now() "
                            + "where expert_id = $1 and domain = $2").execute(Tuple.of(expertId, domain, newTier)))
                    .chain(() -> outbox.append(tx, outbox.envelope(expertId).setExpertTierChanged(ExpertTierChanged.newBuilder()
                            .setExpertId(expertId.toString()).setDomain(domain).setPreviousTier(tier).setTier(newTier)
                            .setQualityScore(score).setReason(String.format(java.util.Locale.ROOT,
                                    "quality %.2f over %d decided judgments (gold %s, consensus %s, accepted %s)", score, decided,
                                    pct(gold), pct(consensus), pct(acceptance)))).build()));
        });
    }

    /** The expert's own quality per domain, with the tier task-service holds. */
    public Uni<List<Quality>> of(UUID expertId) {
        return pool.preparedQuery("select d.domain, d.tier, q.quality_score, q.gold_accuracy, q.consensus_agreement, "
                        + "q.acceptance_rate, q.decided_judgments from expert_domain d left join expert_quality q "
                        + "on q.expert_id = d.expert_id and q.domain = d.domain where d.expert_id = $1 order by d.domain")
                .execute(Tuple.of(expertId)).map(rows -> {
                    List<Quality> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Quality(r.getString(0), r.getInteger(1), r.getDouble(2) == null ? 0 : r.getDouble(2),
                                r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getInteger(6) == null ? 0 : r.getInteger(6)));
                    }
                    return out;
                });
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : Math.round(v * 100) + "%";
    }
}
