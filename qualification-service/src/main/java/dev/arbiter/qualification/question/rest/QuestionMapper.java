package dev.arbiter.qualification.question.rest;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.grading.AnswerType;
import dev.arbiter.qualification.grading.ReasoningSummary;
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
import java.util.UUID;

/** API records to service records, and entities to API records. */
final class QuestionMapper {

    private QuestionMapper() {
    }

    /**
     * The question as {@code admin} or its author sees it. An author gets the judge's reasoning as a summary
     * ({@link ReasoningSummary}), and which question theirs duplicates (and how closely) only when it is their
     * own: another author's question is never named, nor its closeness measured, to them.
     */
    static QuestionView view(Details d, QualificationRules rules, boolean admin) {
        Question q = d.question();
        boolean judged = q.answerType == AnswerType.FREE_FORM;
        boolean namesDuplicate = admin || duplicateIsOwn(q);
        return new QuestionView(q.id, q.authorId, q.domain, q.status, q.failures, q.minFailures,
                d.attempts().stream().map(a -> attempt(a, admin, judged)).toList(), q.prompt, q.answerType,
                q.referenceAnswer, QuestionService.options(q), q.tolerance, q.rubric, q.rationale,
                q.evaluationRounds, rules.maxEvaluationRounds(), q.nextEvaluationAt,
                namesDuplicate ? q.duplicateOf : null, namesDuplicate ? q.similarity : null,
                d.reviews().stream().map(QuestionMapper::feedback).toList(), q.createdAt, q.decidedAt);
    }

    /** The earlier question a new one duplicates, as told to its author: only their own. */
    static UUID duplicateFor(Question q) {
        return duplicateIsOwn(q) ? q.duplicateOf : null;
    }

    private static boolean duplicateIsOwn(Question q) {
        return q.duplicateOf != null && q.authorId.equals(q.duplicateOfAuthorId);
    }

    static NewQuestion newQuestion(SubmitQuestion s) {
        return new NewQuestion(s.domain(), s.prompt(), s.answerType(), s.referenceAnswer(), s.options(), s.tolerance(),
                s.rubric(), s.rationale());
    }

    static QuestionSummary summary(Question q) {
        return new QuestionSummary(q.id, q.domain, q.status, q.failures, q.minFailures, q.prompt, q.createdAt);
    }

    private static AttemptView attempt(ModelAttempt a, boolean admin, boolean judged) {
        String reasoning = admin ? a.reasoning : ReasoningSummary.forAuthor(judged, a.verdict, a.uncertain, a.reasoning);
        return new AttemptView(a.model, a.answer, a.verdict, a.round, a.latest, a.uncertain, a.confidence,
                reasoning, a.latencyMs, a.error);
    }

    private static KeyReviewFeedback feedback(AnswerKeyReview r) {
        return new KeyReviewFeedback(r.referenceCorrect, r.unambiguous, r.expertLevel, r.blindAgrees, r.comment, r.createdAt);
    }
}
