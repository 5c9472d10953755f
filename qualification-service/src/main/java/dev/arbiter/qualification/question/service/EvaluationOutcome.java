package dev.arbiter.qualification.question.service;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.grading.Grade;
import dev.arbiter.qualification.grading.StumpVerdict;
import dev.arbiter.qualification.question.model.ModelAttempt;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import java.time.Instant;
import java.util.List;

/** Moves a question on from the grades of its latest evaluation round. */
final class EvaluationOutcome {

    private EvaluationOutcome() {
    }

    static Grade grade(ModelAttempt a) {
        return new Grade(a.verdict, a.confidence, a.reasoning, a.uncertain);
    }

    static void apply(Question q, List<Grade> grades, QualificationRules rules, Instant now) {
        StumpVerdict verdict = StumpVerdict.of(grades, q.minFailures);
        q.failures = (int) StumpVerdict.failures(grades);
        q.leaseUntil = null;
        q.nextEvaluationAt = null;
        switch (verdict) {
            case STUMPING -> decide(q, QuestionStatus.AWAITING_REVIEW, now);
            case NOT_STUMPING -> decide(q, QuestionStatus.NOT_STUMPING, now);
            case NEEDS_HUMAN_GRADING -> q.status = QuestionStatus.NEEDS_HUMAN_GRADING;
            case INCONCLUSIVE -> {
                q.status = QuestionStatus.INCONCLUSIVE;
                if (q.evaluationRounds < rules.maxEvaluationRounds()) {
                    // Backs off: providers that are down now are rarely back in a second.
                    long factor = 1L << Math.min(q.evaluationRounds - 1, 10);
                    q.nextEvaluationAt = now.plus(rules.reevaluationDelay().multipliedBy(Math.max(1, factor)));
                }
            }
        }
    }

    private static void decide(Question q, QuestionStatus status, Instant now) {
        q.status = status;
        q.decidedAt = now;
    }
}
