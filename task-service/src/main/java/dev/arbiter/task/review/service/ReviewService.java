package dev.arbiter.task.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.tasks.v1.JudgmentReviewed;
import dev.arbiter.proto.tasks.v1.ReviewDecision;
import dev.arbiter.task.claim.service.ClaimService;
import dev.arbiter.task.claim.service.ResponseShuffle;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.job.service.Actor;
import dev.arbiter.task.job.service.JobRepository;
import dev.arbiter.task.job.service.JobService;
import dev.arbiter.task.quality.QualityService;
import dev.arbiter.task.review.rest.ReviewApi.Decision;
import dev.arbiter.task.review.rest.ReviewApi.ReviewBody;
import dev.arbiter.task.review.rest.ReviewApi.ReviewCase;
import dev.arbiter.task.review.rest.ReviewApi.Reviewed;
import dev.arbiter.task.session.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * QA review: a reviewer qualified in the job's domain (never the author) accepts, asks for a revision
 * (the task returns to its author with the feedback) or rejects (the slot reopens for another expert).
 * A share of accepted judgments goes to an admin spot check; a lab may dispute an accepted judgment,
 * and an admin decides the dispute. Every decision emits {@code JudgmentReviewed}.
 */
@ApplicationScoped
public class ReviewService {

    private static final String ADMIN_NEXT = "select d.id from judgment d "
            + "where d.state in ('SUBMITTED', 'DISPUTED') or (d.state = 'ACCEPTED' and d.spot_check) "
            + "order by case when d.state = 'DISPUTED' then 0 when d.state = 'ACCEPTED' then 1 else 2 end, d.submitted_at limit 1";
    private static final String EXPERT_NEXT = "select d.id from judgment d join job j on j.id = d.job_id "
            + "join expert_domain e on e.domain = j.domain and e.expert_id = $1 and e.tier >= j.min_tier "
            + "where d.state = 'SUBMITTED' and d.expert_id <> $1 order by d.submitted_at limit 1";
    private static final String LOCK = "select d.state, d.spot_check, d.expert_id, d.task_id, d.job_id, j.domain, j.min_tier, "
            + "j.spot_check_percent, t.slot_id, (select tier from expert_domain e where e.expert_id = $2 and e.domain = j.domain) "
            + "from judgment d join job j on j.id = d.job_id join task t on t.id = d.task_id where d.id = $1 for update of d";

    /** A published job is complete once every slot holds a judgment and none awaits a decision. */
    private static final String COMPLETE_JOB = "update job set status = 'COMPLETED' where id = $1 and status = 'PUBLISHED' "
            + "and not exists (select 1 from item_slot where job_id = $1 and state <> 'DONE') "
            + "and not exists (select 1 from judgment where job_id = $1 and state in ('SUBMITTED', 'REVISION', 'DISPUTED'))";

    private final Pool pool;
    private final JobRepository jobs;
    private final TaskOutbox outbox;
    private final WorkSessions sessions;
    private final QualityService quality;
    private final ObjectMapper json;

    public ReviewService(Pool pool, JobRepository jobs, TaskOutbox outbox, WorkSessions sessions, QualityService quality,
                         ObjectMapper json) {
        this.pool = pool;
        this.jobs = jobs;
        this.outbox = outbox;
        this.sessions = sessions;
        this.quality = quality;
        this.json = json;
    }

    /** The next judgment this reviewer may decide, or null. */
    public Uni<ReviewCase> next(Actor actor) {
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> next = actor.admin() ? pool.query(ADMIN_NEXT).execute()
                : pool.preparedQuery(EXPERT_NEXT).execute(Tuple.of(actor.id()));
        return next.chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : reviewCase(rows.iterator().next().getUUID(0)));
    }

    public Uni<Reviewed> decide(Actor actor, UUID judgmentId, ReviewBody body) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(judgmentId, actor.id())).chain(rows -> {
            if (rows.size() == 0) {
                throw ApiProblem.notFound("Judgment", judgmentId);
            }
            Row d = rows.iterator().next();
            String state = d.getString(0);
            UUID author = d.getUUID(2);
            if (author.equals(actor.id())) {
                throw ApiProblem.forbidden("Nobody reviews their own judgment");
            }
            String kind = kind(state, d.getBoolean(1));
            if (kind == null) {
                throw ApiProblem.conflict("already-decided", "The judgment is " + state + " and awaits no decision")
                        .with("state", state);
            }
            if (!"REVIEW".equals(kind) && !actor.admin()) {
                throw ApiProblem.forbidden("Only admins decide spot checks and disputes");
            }
            if (!actor.admin() && (d.getInteger(9) == null || d.getInteger(9) < d.getInteger(6))) {
                throw ApiProblem.forbidden("Reviewers must be qualified in " + d.getString(5) + " at the job's minimum tier");
            }
            UUID taskId = d.getUUID(3);
            String newState = switch (body.decision()) {
                case ACCEPT -> "ACCEPTED";
                case REVISE -> "REVISION";
                case REJECT -> "REJECTED";
            };
            boolean spotCheck = body.decision() == Decision.ACCEPT && "REVIEW".equals(kind)
                    && ThreadLocalRandom.current().nextInt(100) < d.getInteger(7);
            UUID reviewId = UUID.randomUUID();
            Uni<?> effect = tx.preparedQuery("update judgment set state = $2, spot_check = $3, decided_at = now() where id = $1")
                    .execute(Tuple.of(judgmentId, newState, spotCheck))
                    .chain(() -> tx.preparedQuery("update task set state = $2, feedback = $3::text::jsonb, updated_at = now() where id = $1")
                            .execute(Tuple.of(taskId, newState, feedback(body, kind))))
                    .chain(() -> tx.preparedQuery("insert into review (id, judgment_id, reviewer_id, kind, decision, strengths, issues) "
                                    + "values ($1, $2, $3, $4, $5, $6, $7)")
                            .execute(Tuple.from(List.of(reviewId, judgmentId, actor.id(), kind, body.decision().name(),
                                    body.strengths(), body.issues()))));
            if (body.decision() == Decision.REJECT) {
                effect = effect.chain(() -> tx.preparedQuery("update item_slot set state = 'OPEN', task_id = null, "
                        + "lease_expires_at = null where id = $1 and task_id = $2").execute(Tuple.of(d.getLong(8), taskId)))
                        // a disputed judgment rejected after the job completed reopens the job for its slot
                        .chain(() -> tx.preparedQuery("update job set status = 'PUBLISHED' where id = $1 and status = 'COMPLETED'")
                                .execute(Tuple.of(d.getUUID(4))));
            } else if (body.decision() == Decision.REVISE) {
                effect = effect.chain(() -> sessions.open(tx, UUID.randomUUID(), taskId, author, d.getUUID(4)));
            }
            return effect
                    .chain(() -> outbox.append(tx, outbox.envelope(author).setJudgmentReviewed(JudgmentReviewed.newBuilder()
                            .setJudgmentId(judgmentId.toString()).setJobId(d.getUUID(4).toString())
                            .setExpertId(author.toString()).setReviewerId(actor.id().toString())
                            .setDecision(decision(body.decision())).setReviewedAt(now())).build()))
                    .chain(() -> quality.recompute(tx, author, d.getString(5)))
                    .chain(() -> tx.preparedQuery(COMPLETE_JOB).execute(Tuple.of(d.getUUID(4))))
                    .replaceWith(new Reviewed(reviewId, newState));
        }));
    }

    /** A lab disputes an accepted judgment of its own job; an admin decides it. */
    public Uni<Void> dispute(Actor actor, UUID jobId, UUID judgmentId, String reason) {
        return jobs.find(jobId).chain(job -> {
            if (job == null || !actor.ownsOrganization(job.organizationId())) {
                throw ApiProblem.notFound("Job", jobId);
            }
            return pool.withTransaction(tx -> tx.preparedQuery("update judgment set state = 'DISPUTED', spot_check = false "
                            + "where id = $1 and job_id = $2 and state = 'ACCEPTED' returning id")
                    .execute(Tuple.of(judgmentId, jobId)).chain(rows -> {
                        if (rows.size() == 0) {
                            return tx.preparedQuery("select state from judgment where id = $1 and job_id = $2")
                                    .execute(Tuple.of(judgmentId, jobId)).map(found -> {
                                        if (found.size() == 0) {
                                            throw ApiProblem.notFound("Judgment", judgmentId);
                                        }
                                        throw ApiProblem.conflict("not-disputable", "Only an accepted judgment can be disputed");
                                    });
                        }
                        return tx.preparedQuery("insert into review (id, judgment_id, reviewer_id, kind, decision, strengths, issues) "
                                        + "values ($1, $2, $3, 'DISPUTE', 'DISPUTE', '', $4)")
                                .execute(Tuple.of(UUID.randomUUID(), judgmentId, actor.id(), reason)).replaceWithVoid();
                    }));
        });
    }

    private static String kind(String state, boolean spotCheck) {
        return switch (state) {
            case "SUBMITTED" -> "REVIEW";
            case "DISPUTED" -> "DISPUTE";
            case "ACCEPTED" -> spotCheck ? "SPOT_CHECK" : null;
            default -> null;
        };
    }

    private Uni<ReviewCase> reviewCase(UUID judgmentId) {
        return pool.preparedQuery("select d.job_id, t.response_order::text, i.prompt, i.responses::text, d.ranking::text, "
                        + "d.preference_strength, d.scores::text, d.rationales::text, d.critiques::text, d.overall_rationale, "
                        + "d.submitted_at, d.state, d.spot_check, (select r.issues from review r where r.judgment_id = d.id "
                        + "and r.kind = 'DISPUTE' order by r.created_at desc limit 1) "
                        + "from judgment d join task t on t.id = d.task_id join item i on i.id = d.item_id where d.id = $1")
                .execute(Tuple.of(judgmentId)).chain(rows -> {
                    Row r = rows.iterator().next();
                    List<String> order = new ArrayList<>();
                    read(r.getString(1)).forEach(n -> order.add(n.asText()));
                    Map<String, String> labelOf = new HashMap<>();
                    for (int i = 0; i < order.size(); i++) {
                        labelOf.put(order.get(i), ResponseShuffle.label(i));
                    }
                    Map<String, String> texts = new HashMap<>();
                    read(r.getString(3)).forEach(n -> texts.put(n.get("id").asText(), n.get("text").asText()));
                    ObjectNode judgment = json.createObjectNode();
                    ArrayNode ranking = judgment.putArray("ranking");
                    read(r.getString(4)).forEach(id -> ranking.add(labelOf.get(id.asText())));
                    if (r.getInteger(5) != null) {
                        judgment.put("preferenceStrength", r.getInteger(5));
                    }
                    ObjectNode scores = judgment.putObject("scores");
                    read(r.getString(6)).fields().forEachRemaining(e -> scores.set(labelOf.get(e.getKey()), e.getValue()));
                    judgment.set("rationales", read(r.getString(7)));
                    ArrayNode critiques = judgment.putArray("critiques");
                    read(r.getString(8)).forEach(c -> {
                        ObjectNode copy = ((ObjectNode) c).deepCopy();
                        copy.put("label", labelOf.get(copy.remove("responseId").asText()));
                        critiques.add(copy);
                    });
                    judgment.put("overallRationale", r.getString(9));
                    String kind = kind(r.getString(11), r.getBoolean(12));
                    return jobs.find(r.getUUID(0)).map(job -> new ReviewCase(judgmentId, kind, ClaimService.brief(job),
                            ClaimService.labelled(r.getString(2), order, texts), judgment,
                            r.getOffsetDateTime(10).toInstant(), r.getString(13)));
                });
    }

    private String feedback(ReviewBody body, String kind) {
        return json.createObjectNode().put("decision", body.decision().name()).put("kind", kind)
                .put("strengths", body.strengths()).put("issues", body.issues()).put("at", Instant.now().toString()).toString();
    }

    private static ReviewDecision decision(Decision d) {
        return switch (d) {
            case ACCEPT -> ReviewDecision.REVIEW_DECISION_ACCEPT;
            case REVISE -> ReviewDecision.REVIEW_DECISION_REVISE;
            case REJECT -> ReviewDecision.REVIEW_DECISION_REJECT;
        };
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
