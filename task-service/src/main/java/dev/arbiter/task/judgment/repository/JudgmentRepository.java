package dev.arbiter.task.judgment.repository;

import static dev.arbiter.task.db.Sql.in;
import static dev.arbiter.task.db.Sql.is;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.judgment.model.Judgment;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.session.model.SessionState;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of the {@code judgment} table. Everything stored is in original response ids, never labels. */
@ApplicationScoped
public class JudgmentRepository {

    /** A task locked for a submission, with what checking and storing the judgment needs. */
    public record Submission(UUID taskId, TaskState taskState, boolean leaseLive, List<String> responseOrder, UUID jobId,
                             UUID itemId, long slotId, int expertTier, String responsesJson, List<String> goldRanking,
                             UUID organizationId, UUID judgmentId, UUID sessionId) {

        /** The task takes a judgment: a live lease, or a judgment sent back for revision. */
        public boolean open() {
            return taskState == TaskState.REVISION || (taskState == TaskState.LEASED && leaseLive);
        }
    }

    private static final String LOCK_SUBMISSION = "select t.state, t.lease_expires_at > now() as lease_live, "
            + "t.response_order::text as response_order, t.job_id, t.item_id, t.slot_id, t.expert_tier, "
            + "i.responses::text as responses, i.gold_ranking::text as gold_ranking, j.organization_id, "
            + "(select d.id from judgment d where d.task_id = t.id) as judgment_id, "
            + "(select s.id from work_session s where s.task_id = t.id and s.state = " + is(SessionState.OPEN) + ") as session_id "
            + "from task t join item i on i.id = t.item_id join job j on j.id = t.job_id "
            + "where t.id = $1 and t.expert_id = $2 for update of t";

    private final JsonColumns json;

    public JudgmentRepository(JsonColumns json) {
        this.json = json;
    }

    /** The expert's task, locked until the transaction ends; null when it is not theirs. */
    public Uni<Submission> lockSubmission(SqlClient tx, UUID taskId, UUID expertId) {
        return tx.preparedQuery(LOCK_SUBMISSION).execute(Tuple.of(taskId, expertId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row r = rows.iterator().next();
            String gold = r.getString("gold_ranking");
            return new Submission(taskId, TaskState.valueOf(r.getString("state")), r.getBoolean("lease_live"),
                    json.strings(r.getString("response_order")), r.getUUID("job_id"), r.getUUID("item_id"), r.getLong("slot_id"),
                    r.getInteger("expert_tier"), r.getString("responses"), gold == null ? null : json.strings(gold),
                    r.getUUID("organization_id"), r.getUUID("judgment_id"), r.getUUID("session_id"));
        });
    }

    public Uni<Void> insert(SqlClient tx, UUID judgmentId, Submission task, UUID expertId, Judgment j, Boolean goldCorrect) {
        return tx.preparedQuery("insert into judgment (id, task_id, job_id, item_id, expert_id, expert_tier, state, ranking, "
                        + "preference_strength, scores, rationales, critiques, overall_rationale, gold_correct) values "
                        + "($1, $2, $3, $4, $5, $6, " + is(JudgmentState.SUBMITTED) + ", $7::text::jsonb, $8, $9::text::jsonb, "
                        + "$10::text::jsonb, $11::text::jsonb, $12, $13)")
                .execute(Tuple.from(Arrays.asList(judgmentId, task.taskId(), task.jobId(), task.itemId(), expertId,
                        task.expertTier(), json.write(j.ranking()), j.preferenceStrength(), json.write(j.scores()),
                        json.write(j.rationales()), json.write(j.critiques()), j.overallRationale(), goldCorrect)))
                .replaceWithVoid();
    }

    /** A revised judgment replaces the one sent back, and awaits a decision again. */
    public Uni<Void> replace(SqlClient tx, UUID judgmentId, Judgment j, Boolean goldCorrect) {
        return tx.preparedQuery("update judgment set state = " + is(JudgmentState.SUBMITTED) + ", ranking = $2::text::jsonb, "
                        + "preference_strength = $3, scores = $4::text::jsonb, rationales = $5::text::jsonb, "
                        + "critiques = $6::text::jsonb, overall_rationale = $7, gold_correct = $8, submitted_at = now(), "
                        + "decided_at = null where id = $1")
                .execute(Tuple.from(Arrays.asList(judgmentId, json.write(j.ranking()), j.preferenceStrength(),
                        json.write(j.scores()), json.write(j.rationales()), json.write(j.critiques()), j.overallRationale(),
                        goldCorrect)))
                .replaceWithVoid();
    }

    /** The judgment of a task as stored (original response ids), or null when the task has none. */
    public Uni<Judgment> ofTask(SqlClient client, UUID taskId) {
        return client.preparedQuery("select ranking::text as ranking, preference_strength, scores::text as scores, "
                        + "rationales::text as rationales, critiques::text as critiques, overall_rationale "
                        + "from judgment where task_id = $1")
                .execute(Tuple.of(taskId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Judgment(json.strings(r.getString("ranking")), r.getInteger("preference_strength"),
                            json.read(r.getString("scores"), new TypeReference<Map<String, Map<String, Integer>>>() { }),
                            json.read(r.getString("rationales"), new TypeReference<Map<String, String>>() { }),
                            json.read(r.getString("critiques"), new TypeReference<List<Judgment.Critique>>() { }),
                            r.getString("overall_rationale"));
                });
    }

    /** Records a decision: the new state, whether it goes to an admin spot check, and when. */
    public Uni<Void> decide(SqlClient tx, UUID judgmentId, JudgmentState state, boolean spotCheck) {
        return tx.preparedQuery("update judgment set state = $2, spot_check = $3, decided_at = now() where id = $1")
                .execute(Tuple.of(judgmentId, state.name(), spotCheck)).replaceWithVoid();
    }

    /** A lab's dispute of an accepted judgment of its job; false when there is no such accepted judgment. */
    public Uni<Boolean> dispute(SqlClient tx, UUID judgmentId, UUID jobId) {
        return tx.preparedQuery("update judgment set state = " + is(JudgmentState.DISPUTED) + ", spot_check = false "
                        + "where id = $1 and job_id = $2 and state = " + is(JudgmentState.ACCEPTED))
                .execute(Tuple.of(judgmentId, jobId)).map(rows -> rows.rowCount() == 1);
    }

    /** The judgment's state if it belongs to the job; null otherwise. */
    public Uni<JudgmentState> stateInJob(SqlClient client, UUID judgmentId, UUID jobId) {
        return client.preparedQuery("select state from judgment where id = $1 and job_id = $2").execute(Tuple.of(judgmentId, jobId))
                .map(rows -> rows.size() == 0 ? null : JudgmentState.valueOf(rows.iterator().next().getString("state")));
    }

    /** How many of a job's judgments are submitted (every one not rejected nor void) and accepted. */
    public record JobCounts(long submitted, long accepted) {
    }

    public Uni<JobCounts> countsOfJob(SqlClient client, UUID jobId) {
        return client.preparedQuery("select count(*) filter (where state not in " + in(JudgmentState.REJECTED, JudgmentState.VOID) + ") as submitted, "
                        + "count(*) filter (where state = " + is(JudgmentState.ACCEPTED) + ") as accepted "
                        + "from judgment where job_id = $1")
                .execute(Tuple.of(jobId)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new JobCounts(r.getLong("submitted"), r.getLong("accepted"));
                });
    }
}
