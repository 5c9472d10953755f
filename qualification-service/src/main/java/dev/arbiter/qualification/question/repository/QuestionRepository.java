package dev.arbiter.qualification.question.repository;

import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class QuestionRepository implements PanacheRepositoryBase<Question, UUID> {

    public Uni<Long> countAttempts(UUID authorId, String domain, Instant since) {
        return count("authorId = ?1 and domain = ?2 and createdAt >= ?3", authorId, domain, since);
    }

    /** An expert's submissions since {@code since}, oldest first, with what each cost in panel calls. */
    public Uni<List<SubmissionRow>> submissionsOf(UUID authorId, Instant since) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select new dev.arbiter.qualification.question.repository.SubmissionRow(q.createdAt, q.panelCalls) "
                                + "from Question q where q.authorId = :author and q.createdAt > :since order by q.createdAt",
                        SubmissionRow.class)
                .setParameter("author", authorId).setParameter("since", since).getResultList());
    }

    public Uni<Long> countValid(UUID authorId, String domain) {
        return count("authorId = ?1 and domain = ?2 and status = ?3", authorId, domain, QuestionStatus.VALID);
    }

    public Uni<List<Question>> validOf(UUID authorId, String domain) {
        return list("authorId = ?1 and domain = ?2 and status = ?3", authorId, domain, QuestionStatus.VALID);
    }

    /** Prompts a new question is compared with: every earlier question that is not itself a duplicate. */
    public Uni<List<PromptRow>> comparablePrompts() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select new dev.arbiter.qualification.question.repository.PromptRow(q.id, q.prompt) "
                                + "from Question q where q.status <> :duplicate", PromptRow.class)
                .setParameter("duplicate", QuestionStatus.DUPLICATE).getResultList());
    }

    public Uni<List<Question>> ofAuthor(UUID authorId, int limit) {
        return find("authorId = ?1 order by createdAt desc", authorId).page(0, limit).list();
    }

    public Uni<List<Question>> newest(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }

    /**
     * Takes a question for one evaluation round, atomically: only one evaluator (one thread, one
     * replica) wins; a lease that expired (a crashed evaluation) can be taken again.
     */
    public Uni<Integer> claim(UUID id, Instant now, Instant leaseUntil) {
        return update("leaseUntil = ?1, evaluationRounds = evaluationRounds + 1 where id = ?2 "
                        + "and status in (?3, ?4) and (leaseUntil is null or leaseUntil < ?5)",
                leaseUntil, id, QuestionStatus.EVALUATING, QuestionStatus.INCONCLUSIVE, now);
    }

    /** Questions an evaluator should take up now: new or crashed ones, and INCONCLUSIVE ones that are due. */
    public Uni<List<UUID>> dueForEvaluation(Instant now, int limit) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select q.id from Question q where (q.leaseUntil is null or q.leaseUntil < :now) and "
                                + "(q.status = :evaluating or (q.status = :inconclusive and q.nextEvaluationAt <= :now)) "
                                + "order by q.createdAt", UUID.class)
                .setParameter("now", now).setParameter("evaluating", QuestionStatus.EVALUATING)
                .setParameter("inconclusive", QuestionStatus.INCONCLUSIVE)
                .setMaxResults(limit).getResultList());
    }

    public Uni<Question> nextToReview(String domain, UUID reviewerId) {
        return find("status = ?1 and domain = ?2 and authorId <> ?3 and id not in "
                        + "(select r.questionId from AnswerKeyReview r where r.reviewerId = ?3) order by createdAt",
                QuestionStatus.AWAITING_REVIEW, domain, reviewerId).firstResult();
    }
}
