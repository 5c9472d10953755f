package dev.arbiter.qualification.question.rest;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.question.model.ModelAttempt;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.rest.QuestionApi.AttemptView;
import dev.arbiter.qualification.question.rest.QuestionApi.KeyReviewFeedback;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionSummary;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionView;
import dev.arbiter.qualification.question.service.QuestionService.Details;
import dev.arbiter.qualification.question.rest.QuestionApi.SubmitQuestion;
import dev.arbiter.qualification.question.service.NewQuestion;
import dev.arbiter.qualification.question.service.QuestionService;

/** API records to service records, and entities to API records. */
final class QuestionMapper {

    private QuestionMapper() {
    }

    static QuestionView view(Details d, QualificationRules rules) {
        Question q = d.question();
        return new QuestionView(q.id, q.authorId, q.domain, q.status, q.failures, q.minFailures,
                d.attempts().stream().map(QuestionMapper::attempt).toList(), q.prompt, q.answerType,
                q.referenceAnswer, QuestionService.options(q), q.tolerance, q.rubric, q.rationale,
                q.evaluationRounds, rules.maxEvaluationRounds(), q.nextEvaluationAt, q.duplicateOf, q.similarity,
                d.reviews().stream().map(QuestionMapper::feedback).toList(), q.createdAt, q.decidedAt);
    }

    static NewQuestion newQuestion(SubmitQuestion s) {
        return new NewQuestion(s.domain(), s.prompt(), s.answerType(), s.referenceAnswer(), s.options(), s.tolerance(),
                s.rubric(), s.rationale());
    }

    static QuestionSummary summary(Question q) {
        return new QuestionSummary(q.id, q.domain, q.status, q.failures, q.minFailures, q.prompt, q.createdAt);
    }

    private static AttemptView attempt(ModelAttempt a) {
        return new AttemptView(a.model, a.answer, a.verdict, a.round, a.latest, a.uncertain, a.confidence,
                a.reasoning, a.latencyMs, a.error);
    }

    private static KeyReviewFeedback feedback(AnswerKeyReview r) {
        return new KeyReviewFeedback(r.referenceCorrect, r.unambiguous, r.expertLevel, r.blindAgrees, r.comment, r.createdAt);
    }
}
