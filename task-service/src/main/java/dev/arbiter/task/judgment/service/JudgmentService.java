package dev.arbiter.task.judgment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.tasks.v1.JudgmentSubmitted;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.job.service.Actor;
import dev.arbiter.task.job.service.JobRepository;
import dev.arbiter.task.judgment.rest.JudgmentApi.JudgmentBody;
import dev.arbiter.task.judgment.service.JudgmentValidator.Context;
import dev.arbiter.task.judgment.service.JudgmentValidator.Judgment;
import dev.arbiter.task.judgment.service.JudgmentValidator.Violation;
import dev.arbiter.task.session.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Submitting a judgment: only the task's holder, only while the lease runs (or the task came back
 * for revision); the whole judgment is checked, stored in original response ids, the task and its
 * session close, and {@code JudgmentSubmitted} leaves through the outbox in the same transaction.
 */
@ApplicationScoped
public class JudgmentService {

    private static final String LOCK_TASK = "select t.state, t.lease_expires_at > now(), t.response_order::text, t.job_id, "
            + "t.item_id, t.slot_id, t.expert_tier, i.responses::text, i.gold_ranking::text, j.organization_id, "
            + "(select d.id from judgment d where d.task_id = t.id), "
            + "(select s.id from work_session s where s.task_id = t.id and s.closed_at is null) "
            + "from task t join item i on i.id = t.item_id join job j on j.id = t.job_id "
            + "where t.id = $1 and t.expert_id = $2 for update of t";

    private final Pool pool;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final TaskOutbox outbox;
    private final ObjectMapper json;
    private final TaskConfig config;

    public JudgmentService(Pool pool, JobRepository jobs, WorkSessions sessions, TaskOutbox outbox, ObjectMapper json,
                           TaskConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.sessions = sessions;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    public Uni<UUID> submit(Actor actor, UUID taskId, JudgmentBody body) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_TASK).execute(Tuple.of(taskId, actor.id())).chain(rows -> {
            if (rows.size() == 0) {
                throw ApiProblem.notFound("Task", taskId);
            }
            Row task = rows.iterator().next();
            String state = task.getString(0);
            boolean revision = "REVISION".equals(state);
            if (!revision && !("LEASED".equals(state) && task.getBoolean(1))) {
                throw ApiProblem.conflict("task-not-open", "The task is " + ("LEASED".equals(state) ? "past its lease" : state)
                        + " and takes no judgment").with("state", state);
            }
            return jobs.find(tx, task.getUUID(3)).chain(job -> {
                List<String> order = strings(read(task.getString(2)));
                Map<String, String> texts = new HashMap<>();
                read(task.getString(7)).forEach(r -> texts.put(r.get("id").asText(), r.get("text").asText()));
                Context context = new Context(job.comparison(), job.dimensions(), job.minRationaleLength(),
                        config.maxRationaleChars(), order, texts);
                List<Violation> violations = JudgmentValidator.check(body, context);
                if (!violations.isEmpty()) {
                    throw ApiProblem.badRequest("invalid-judgment", "The judgment is incomplete or invalid: "
                            + violations.stream().map(Violation::field).distinct().toList()).with("violations", violations);
                }
                Judgment judgment = JudgmentValidator.translate(body, context);
                Boolean goldCorrect = task.getString(8) == null ? null
                        : strings(read(task.getString(8))).get(0).equals(judgment.ranking().get(0));
                UUID judgmentId = revision ? task.getUUID(10) : UUID.randomUUID();
                Uni<?> store = revision ? update(tx, judgmentId, judgment, goldCorrect)
                        : insert(tx, judgmentId, taskId, task, actor.id(), judgment, goldCorrect)
                        .chain(() -> tx.preparedQuery("update item_slot set state = 'DONE', lease_expires_at = null "
                                + "where id = $1 and task_id = $2").execute(Tuple.of(task.getLong(5), taskId)));
                return store
                        .chain(() -> tx.preparedQuery("update task set state = 'SUBMITTED', draft = null, updated_at = now() where id = $1")
                                .execute(Tuple.of(taskId)))
                        .chain(() -> sessions.close(tx, taskId, "SUBMITTED"))
                        .chain(() -> outbox.append(tx, outbox.envelope(actor.id()).setJudgmentSubmitted(JudgmentSubmitted.newBuilder()
                                .setJudgmentId(judgmentId.toString()).setTaskId(taskId.toString())
                                .setJobId(task.getUUID(3).toString()).setItemId(task.getUUID(4).toString())
                                .setExpertId(actor.id().toString()).setOrganizationId(task.getUUID(9).toString())
                                .setSessionId(task.getUUID(11) == null ? "" : task.getUUID(11).toString()).setSubmittedAt(now())).build()))
                        .replaceWith(judgmentId);
            });
        }));
    }

    private Uni<?> insert(SqlConnection tx, UUID judgmentId, UUID taskId, Row task, UUID expertId, Judgment j, Boolean gold) {
        return tx.preparedQuery("insert into judgment (id, task_id, job_id, item_id, expert_id, expert_tier, state, ranking, "
                        + "preference_strength, scores, rationales, critiques, overall_rationale, gold_correct) values "
                        + "($1, $2, $3, $4, $5, $6, 'SUBMITTED', $7::text::jsonb, $8, $9::text::jsonb, $10::text::jsonb, "
                        + "$11::text::jsonb, $12, $13)")
                .execute(Tuple.from(java.util.Arrays.asList(judgmentId, taskId, task.getUUID(3), task.getUUID(4), expertId,
                        task.getInteger(6), write(j.ranking()), j.preferenceStrength(), write(j.scores()),
                        write(j.rationales()), write(j.critiques()), j.overallRationale(), gold)));
    }

    private Uni<?> update(SqlConnection tx, UUID judgmentId, Judgment j, Boolean gold) {
        return tx.preparedQuery("update judgment set state = 'SUBMITTED', ranking = $2::text::jsonb, preference_strength = $3, "
                        + "scores = $4::text::jsonb, rationales = $5::text::jsonb, critiques = $6::text::jsonb, "
                        + "overall_rationale = $7, gold_correct = $8, submitted_at = now(), decided_at = null where id = $1")
                .execute(Tuple.from(java.util.Arrays.asList(judgmentId, write(j.ranking()), j.preferenceStrength(),
                        write(j.scores()), write(j.rationales()), write(j.critiques()), j.overallRationale(), gold)));
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
