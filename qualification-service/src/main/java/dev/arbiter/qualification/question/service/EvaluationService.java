package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.grading.ReferenceKey;
import dev.arbiter.qualification.question.model.ModelAttempt;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.repository.ModelAttemptRepository;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One evaluation round of a question: claim it (a lease, so that a crash leaves it to be taken up
 * again), ask and grade the panel outside any transaction, then store every attempt and the verdict.
 */
@ApplicationScoped
public class EvaluationService {

    private final QuestionRepository questions;
    private final ModelAttemptRepository attempts;
    private final PanelGrader grader;
    private final QualificationRules rules;

    public EvaluationService(QuestionRepository questions, ModelAttemptRepository attempts, PanelGrader grader,
                             QualificationRules rules) {
        this.questions = questions;
        this.attempts = attempts;
        this.grader = grader;
        this.rules = rules;
    }

    record Claimed(UUID id, int round, ReferenceKey key) {
    }

    /** Must run on a Vert.x (duplicated, safe) context; the result is the status after this round, or null if not claimed. */
    public Uni<QuestionStatus> evaluate(UUID questionId) {
        Context context = Vertx.currentContext();
        return claim(questionId).chain(claimed -> claimed == null ? Uni.createFrom().nullItem()
                : Uni.createFrom().completionStage(() -> grader.evaluate(claimed.key()))
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .chain(graded -> record(claimed, graded)));
    }

    @WithTransaction
    Uni<Claimed> claim(UUID questionId) {
        Instant now = Instant.now();
        return questions.claim(questionId, now, now.plus(rules.evaluationLease()))
                .chain(count -> count == 0 ? Uni.createFrom().nullItem()
                        : questions.findById(questionId)
                                .map(q -> new Claimed(q.id, q.evaluationRounds, QuestionService.referenceKey(q))));
    }

    @WithTransaction
    Uni<QuestionStatus> record(Claimed claimed, List<GradedReply> graded) {
        Instant now = Instant.now();
        return questions.findById(claimed.id()).chain(q -> {
            if (!q.status.pendingEvaluation() || q.evaluationRounds != claimed.round()) {
                return Uni.createFrom().item(q.status); // decided meanwhile, or a newer round took over
            }
            List<ModelAttempt> rows = new ArrayList<>();
            for (GradedReply g : graded) {
                ModelAttempt a = new ModelAttempt();
                a.id = UUID.randomUUID();
                a.questionId = q.id;
                a.round = claimed.round();
                a.latest = true;
                a.model = g.reply().model();
                a.answer = g.reply().answer();
                a.verdict = g.grade().verdict();
                a.uncertain = g.grade().uncertain();
                a.confidence = g.grade().confidence();
                a.reasoning = g.grade().reasoning();
                a.latencyMs = g.reply().latencyMs();
                a.error = g.reply().error();
                a.createdAt = now;
                rows.add(a);
            }
            EvaluationOutcome.apply(q, graded.stream().map(GradedReply::grade).toList(), rules, now);
            return attempts.retire(q.id).chain(() -> attempts.persist(rows)).replaceWith(q.status);
        });
    }

    /** Ids of questions to evaluate now: new, crashed mid-evaluation, or INCONCLUSIVE and due again. */
    @WithSession
    public Uni<List<UUID>> due(int limit) {
        return questions.dueForEvaluation(Instant.now(), limit);
    }
}
