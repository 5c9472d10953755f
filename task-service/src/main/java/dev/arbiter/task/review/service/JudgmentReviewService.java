package dev.arbiter.task.review.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.tasks.v1.JudgmentReviewed;
import dev.arbiter.proto.tasks.v1.ReviewDecision;
import dev.arbiter.task.access.Actor;
import dev.arbiter.task.claim.model.ResponseShuffle;
import dev.arbiter.task.claim.model.TaskViews.ItemView;
import dev.arbiter.task.claim.model.TaskViews.JobBrief;
import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.claim.repository.TaskRepository;
import dev.arbiter.task.config.TaskConfig;
import dev.arbiter.task.db.JsonColumns;
import dev.arbiter.task.db.Sql;
import dev.arbiter.task.events.TaskOutbox;
import dev.arbiter.task.job.repository.ItemRepository;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.judgment.repository.JudgmentRepository;
import dev.arbiter.task.quality.QualityService;
import dev.arbiter.task.review.ReviewWorkflow;
import dev.arbiter.task.review.ReviewWorkflow.Outcome;
import dev.arbiter.task.review.ReviewWorkflow.Refusal;
import dev.arbiter.task.review.ReviewWorkflow.Transition;
import dev.arbiter.task.review.model.Decision;
import dev.arbiter.task.review.model.ReviewKind;
import dev.arbiter.task.review.model.ReviewViews.ReviewCase;
import dev.arbiter.task.review.model.ReviewViews.ReviewNote;
import dev.arbiter.task.review.model.ReviewViews.Reviewed;
import dev.arbiter.task.review.repository.ReviewRepository;
import dev.arbiter.task.review.repository.ReviewRepository.CaseRecord;
import dev.arbiter.task.review.repository.ReviewRepository.Decidable;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.model.SessionPay;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Review of judgments (QA, spot checks, lab disputes). The rules are {@link ReviewWorkflow}'s; this
 * service loads what they need, applies the transition in one transaction, emits
 * {@code JudgmentReviewed} and recomputes the author's quality.
 */
@ApplicationScoped
public class JudgmentReviewService {

    private final Pool pool;
    private final ReviewRepository reviews;
    private final JudgmentRepository judgments;
    private final TaskRepository tasks;
    private final SlotRepository slots;
    private final ItemRepository items;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final QualityService quality;
    private final TaskOutbox outbox;
    private final JsonColumns json;
    private final TaskConfig config;

    public JudgmentReviewService(Pool pool, ReviewRepository reviews, JudgmentRepository judgments, TaskRepository tasks,
                                 SlotRepository slots, ItemRepository items, JobRepository jobs, WorkSessions sessions,
                                 QualityService quality, TaskOutbox outbox, JsonColumns json, TaskConfig config) {
        this.pool = pool;
        this.reviews = reviews;
        this.judgments = judgments;
        this.tasks = tasks;
        this.slots = slots;
        this.items = items;
        this.jobs = jobs;
        this.sessions = sessions;
        this.quality = quality;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    /** The next judgment this reviewer may decide, or null. */
    public Uni<ReviewCase> next(Actor actor) {
        return reviews.next(actor.id(), actor.admin())
                .chain(judgmentId -> judgmentId == null ? Uni.createFrom().nullItem() : reviewCase(actor, judgmentId));
    }

    public Uni<Reviewed> decide(Actor actor, UUID judgmentId, ReviewNote note) {
        return pool.withTransaction(tx -> reviews.lock(tx, judgmentId, actor.id()).chain(d -> {
            if (d == null) {
                throw ApiProblem.notFound("Judgment", judgmentId);
            }
            Outcome outcome = ReviewWorkflow.decide(
                    new ReviewWorkflow.Case(d.authorId(), d.state(), d.spotCheck(), d.minTier(), d.spotCheckPercent()),
                    new ReviewWorkflow.Reviewer(actor.id(), actor.admin(), d.reviewerTier(), d.reviewerJudgedTheItem()),
                    note.decision(),
                    ThreadLocalRandom.current().nextInt(100));
            if (outcome.refused()) {
                throw refusal(outcome.refusal(), d);
            }
            UUID reviewId = UUID.randomUUID();
            return apply(tx, d, outcome.transition(), note, reviewId, actor.id())
                    .chain(() -> sessions.closeReviews(tx, judgmentId, actor.id()))
                    .replaceWith(new Reviewed(reviewId, outcome.transition().judgmentState()));
        }));
    }

    private Uni<Void> apply(SqlConnection tx, Decidable d, Transition t, ReviewNote note, UUID reviewId, UUID reviewerId) {
        return judgments.decide(tx, d.judgmentId(), t.judgmentState(), t.drawnForSpotCheck())
                .chain(() -> tasks.moveTo(tx, d.taskId(), t.taskState(), feedback(note, t.kind())))
                .chain(() -> reviews.insert(tx, reviewId, d.judgmentId(), reviewerId, t.kind(), note.decision(),
                        note.strengths(), note.issues()))
                .chain(() -> t.freeSlot() ? slots.reopen(tx, d.slotId(), d.taskId()).chain(() -> jobs.reopen(tx, d.jobId()))
                        : Uni.createFrom().voidItem())
                .chain(() -> t.openRevision() ? openRevision(tx, d) : Uni.createFrom().voidItem())
                .chain(() -> outbox.append(tx, outbox.envelope(d.authorId()).setJudgmentReviewed(JudgmentReviewed.newBuilder()
                        .setJudgmentId(d.judgmentId().toString()).setJobId(d.jobId().toString())
                        .setExpertId(d.authorId().toString()).setReviewerId(reviewerId.toString())
                        .setDecision(event(note.decision())).setReviewedAt(Sql.timestamp(Instant.now()))).build()))
                .chain(() -> quality.recompute(tx, d.authorId(), d.domain()))
                .chain(() -> jobs.completeIfDone(tx, d.jobId()));
    }

    /** The author works on the judgment again: a new session that counts as long as a lease would. */
    private Uni<Void> openRevision(SqlConnection tx, Decidable d) {
        OffsetDateTime countsUntil = d.now().plusMinutes((long) d.expectedMinutesPerItem() * config.leaseFactor());
        return tasks.extendLease(tx, d.taskId(), countsUntil)
                .chain(() -> jobs.find(tx, d.jobId()))
                .chain(job -> sessions.open(tx, SessionKind.REVISION, UUID.randomUUID(), d.taskId(), d.authorId(),
                        SessionPay.of(job, d.authorTier()), countsUntil));
    }

    /** A lab disputes an accepted judgment of its own job; an admin decides it. */
    public Uni<Void> dispute(Actor actor, UUID jobId, UUID judgmentId, String reason) {
        return jobs.find(jobId).chain(job -> {
            if (job == null || !actor.ownsOrganization(job.organizationId())) {
                throw ApiProblem.notFound("Job", jobId);
            }
            return pool.withTransaction(tx -> judgments.dispute(tx, judgmentId, jobId).chain(disputed -> disputed
                    ? reviews.insertDispute(tx, judgmentId, actor.id(), reason)
                    : judgments.stateInJob(tx, judgmentId, jobId).map(state -> {
                        if (state == null) {
                            throw ApiProblem.notFound("Judgment", judgmentId);
                        }
                        throw ApiProblem.conflict("not-disputable", "Only an ACCEPTED judgment can be disputed; this one is "
                                + state).with("state", state.name());
                    })));
        });
    }

    private static ApiProblem refusal(Refusal refusal, Decidable d) {
        return switch (refusal) {
            case OWN_JUDGMENT -> ApiProblem.forbidden("Nobody reviews their own judgment");
            case JUDGED_THE_ITEM -> new ApiProblem(403, "not-independent", "Forbidden", "You judged this item yourself (or "
                    + "hold a task on it now), so your review of another expert's judgment of it would not be independent");
            case NOTHING_TO_DECIDE -> ApiProblem.conflict("already-decided", "The judgment is " + d.state()
                    + " and awaits no decision").with("state", d.state().name());
            case ADMINS_ONLY -> ApiProblem.forbidden("Only admins decide spot checks and disputes");
            case NOT_QUALIFIED -> ApiProblem.forbidden("Reviewers must be qualified in " + d.domain()
                    + " at the job's minimum tier " + d.minTier());
        };
    }

    /** The judgment shown in the labels its author saw; an expert reviewer's session opens (or resumes) with it. */
    private Uni<ReviewCase> reviewCase(Actor actor, UUID judgmentId) {
        return reviews.caseOf(judgmentId).chain(r -> {
            Map<String, String> labelOf = new HashMap<>();
            for (int i = 0; i < r.responseOrder().size(); i++) {
                labelOf.put(r.responseOrder().get(i), ResponseShuffle.label(i));
            }
            ObjectNode judgment = labelled(r, labelOf);
            ReviewKind kind = ReviewWorkflow.awaiting(r.state(), r.spotCheck());
            ItemView item = ItemView.labelled(r.prompt(), r.responseOrder(), items.texts(r.responsesJson()));
            return jobs.find(r.jobId()).chain(job -> (actor.admin() ? Uni.createFrom().<UUID>nullItem()
                            : pool.withTransaction(tx -> reviews.tierOf(tx, actor.id(), job.domain())
                                    .chain(tier -> sessions.openReview(tx, judgmentId, actor.id(), SessionPay.of(job, tier),
                                            job.expectedMinutesPerItem() * config.leaseFactor()))))
                    .map(sessionId -> new ReviewCase(judgmentId, kind, JobBrief.of(job), item, judgment,
                            r.submittedAt().toInstant(), r.disputeReason(), sessionId)));
        });
    }

    private ObjectNode labelled(CaseRecord r, Map<String, String> labelOf) {
        ObjectNode judgment = json.mapper().createObjectNode();
        ArrayNode ranking = judgment.putArray("ranking");
        json.strings(r.rankingJson()).forEach(id -> ranking.add(labelOf.get(id)));
        if (r.preferenceStrength() != null) {
            judgment.put("preferenceStrength", r.preferenceStrength());
        }
        ObjectNode scores = judgment.putObject("scores");
        json.read(r.scoresJson()).fields().forEachRemaining(e -> scores.set(labelOf.get(e.getKey()), e.getValue()));
        judgment.set("rationales", json.read(r.rationalesJson()));
        ArrayNode critiques = judgment.putArray("critiques");
        for (JsonNode c : json.read(r.critiquesJson())) {
            ObjectNode copy = ((ObjectNode) c).deepCopy();
            copy.put("label", labelOf.get(copy.remove("responseId").asText()));
            critiques.add(copy);
        }
        judgment.put("overallRationale", r.overallRationale());
        return judgment;
    }

    private String feedback(ReviewNote note, ReviewKind kind) {
        return json.mapper().createObjectNode().put("decision", note.decision().name()).put("kind", kind.name())
                .put("strengths", note.strengths()).put("issues", note.issues()).put("at", Instant.now().toString()).toString();
    }

    private static ReviewDecision event(Decision d) {
        return switch (d) {
            case ACCEPT -> ReviewDecision.REVIEW_DECISION_ACCEPT;
            case REVISE -> ReviewDecision.REVIEW_DECISION_REVISE;
            case REJECT -> ReviewDecision.REVIEW_DECISION_REJECT;
        };
    }
}
