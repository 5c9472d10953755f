package dev.arbiter.task.review.repository;

import static dev.arbiter.task.db.Sql.in;
import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.review.model.Decision;
import dev.arbiter.task.review.model.ReviewKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The SQL of the {@code review} table and of the review queue over judgments. */
@ApplicationScoped
public class ReviewRepository {

    /** A judgment locked for a decision, with its job's rules and the reviewer's tier in the job's domain. */
    public record Decidable(UUID judgmentId, JudgmentState state, boolean spotCheck, UUID authorId, UUID taskId, UUID jobId,
                            String domain, int minTier, int spotCheckPercent, int expectedMinutesPerItem, long slotId,
                            Integer reviewerTier, boolean reviewerJudgedTheItem, int authorTier, OffsetDateTime now) {
    }

    /** A judgment as a reviewer reads it, in original ids; jsonb columns as text. */
    public record CaseRecord(UUID jobId, List<String> responseOrder, String prompt, String responsesJson, String rankingJson,
                             Integer preferenceStrength, String scoresJson, String rationalesJson, String critiquesJson,
                             String overallRationale, OffsetDateTime submittedAt, JudgmentState state, boolean spotCheck,
                             String disputeReason) {
    }

    /**
     * The reviewer ($1) holds or held a task on the judgment's item, other than one released or left to expire: they
     * judged it (or are judging it), so they review none of its judgments (served by {@code task_one_per_item_and_expert}).
     */
    private static final String JUDGED_BY_REVIEWER = "exists (select 1 from task w where w.item_id = d.item_id "
            + "and w.expert_id = $1 and w.state not in " + in(TaskState.RELEASED, TaskState.EXPIRED) + ")";
    /** Disputes first, then spot checks, then QA reviews, oldest first. */
    private static final String ADMIN_NEXT = "select d.id from judgment d where (d.state in ("
            + is(JudgmentState.SUBMITTED) + ", " + is(JudgmentState.DISPUTED) + ") or (d.state = " + is(JudgmentState.ACCEPTED)
            + " and d.spot_check)) and not " + JUDGED_BY_REVIEWER + " order by case when d.state = " + is(JudgmentState.DISPUTED) + " then 0 when d.state = "
            + is(JudgmentState.ACCEPTED) + " then 1 else 2 end, d.submitted_at limit 1";
    private static final String EXPERT_NEXT = "select d.id from judgment d join job j on j.id = d.job_id "
            + "join expert_domain e on e.domain = j.domain and e.expert_id = $1 and e.tier >= j.min_tier "
            + "where d.state = " + is(JudgmentState.SUBMITTED) + " and d.expert_id <> $1 and not " + JUDGED_BY_REVIEWER
            + " order by d.submitted_at limit 1";
    private static final String LOCK = "select d.state, d.spot_check, d.expert_id, d.task_id, d.job_id, j.domain, j.min_tier, "
            + "j.spot_check_percent, j.expected_minutes_per_item, t.slot_id, t.expert_tier as author_tier, "
            + "(select e.tier from expert_domain e where e.expert_id = $2 and e.domain = j.domain) as reviewer_tier, "
            + JUDGED_BY_REVIEWER.replace("$1", "$2") + " as reviewer_judged_item, now() as now "
            + "from judgment d join job j on j.id = d.job_id join task t on t.id = d.task_id where d.id = $1 for update of d";
    private static final String CASE = "select d.job_id, t.response_order::text as response_order, i.prompt, "
            + "i.responses::text as responses, d.ranking::text as ranking, d.preference_strength, d.scores::text as scores, "
            + "d.rationales::text as rationales, d.critiques::text as critiques, d.overall_rationale, d.submitted_at, d.state, "
            + "d.spot_check, (select r.issues from review r where r.judgment_id = d.id and r.kind = " + is(ReviewKind.DISPUTE)
            + " order by r.created_at desc limit 1) as dispute_reason "
            + "from judgment d join task t on t.id = d.task_id join item i on i.id = d.item_id where d.id = $1";

    private final Pool pool;
    private final JsonColumns json;

    public ReviewRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** The next judgment this reviewer may decide, or null. */
    public Uni<UUID> next(UUID reviewerId, boolean admin) {
        return pool.preparedQuery(admin ? ADMIN_NEXT : EXPERT_NEXT).execute(Tuple.of(reviewerId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    public Uni<Decidable> lock(SqlClient tx, UUID judgmentId, UUID reviewerId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(judgmentId, reviewerId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Decidable(judgmentId, JudgmentState.valueOf(r.getString("state")), r.getBoolean("spot_check"),
                    r.getUUID("expert_id"), r.getUUID("task_id"), r.getUUID("job_id"), r.getString("domain"),
                    r.getInteger("min_tier"), r.getInteger("spot_check_percent"), r.getInteger("expected_minutes_per_item"),
                    r.getLong("slot_id"), r.getInteger("reviewer_tier"), r.getBoolean("reviewer_judged_item"),
                    r.getInteger("author_tier"),
                    r.getOffsetDateTime("now"));
        });
    }

    /** The expert's tier in the domain; 0 when they hold none. */
    public Uni<Integer> tierOf(SqlClient client, UUID expertId, String domain) {
        return client.preparedQuery("select tier from expert_domain where expert_id = $1 and domain = $2 and tier is not null")
                .execute(Tuple.of(expertId, domain))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("tier"));
    }

    public Uni<CaseRecord> caseOf(UUID judgmentId) {
        return pool.preparedQuery(CASE).execute(Tuple.of(judgmentId)).map(rows -> {
            Row r = rows.iterator().next();
            return new CaseRecord(r.getUUID("job_id"), json.strings(r.getString("response_order")), r.getString("prompt"),
                    r.getString("responses"), r.getString("ranking"), r.getInteger("preference_strength"),
                    r.getString("scores"), r.getString("rationales"), r.getString("critiques"), r.getString("overall_rationale"),
                    r.getOffsetDateTime("submitted_at"), JudgmentState.valueOf(r.getString("state")), r.getBoolean("spot_check"),
                    r.getString("dispute_reason"));
        });
    }

    public Uni<Void> insert(SqlClient tx, UUID id, UUID judgmentId, UUID reviewerId, ReviewKind kind, Decision decision,
                            String strengths, String issues) {
        return tx.preparedQuery("insert into review (id, judgment_id, reviewer_id, kind, decision, strengths, issues) "
                        + "values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(List.of(id, judgmentId, reviewerId, kind.name(), decision.name(), strengths, issues)))
                .replaceWithVoid();
    }

    /** A lab's dispute is kept as a review row of kind and decision DISPUTE, the reason as its issues. */
    public Uni<Void> insertDispute(SqlClient tx, UUID judgmentId, UUID labMemberId, String reason) {
        return tx.preparedQuery("insert into review (id, judgment_id, reviewer_id, kind, decision, strengths, issues) "
                        + "values ($1, $2, $3, " + is(ReviewKind.DISPUTE) + ", " + is(ReviewKind.DISPUTE) + ", '', $4)")
                .execute(Tuple.of(UUID.randomUUID(), judgmentId, labMemberId, reason)).replaceWithVoid();
    }
}
