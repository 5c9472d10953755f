package dev.arbiter.qualification.question.repository;

import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.similarity.DuplicateBands;
import dev.arbiter.qualification.similarity.DuplicateLookup;
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

    /**
     * Earlier questions of {@code domain} a new prompt may be a near-duplicate of, by index: those with the
     * same numbers sharing at least one MinHash band key ({@code DuplicateBands}), the most shared keys first,
     * at most {@code limit}; a prompt with no content words (no band keys) is compared by its numbers alone
     * ({@link DuplicateLookup}). The caller decides with {@code QuestionSimilarity}; this only narrows whom it
     * compares with.
     */
    public Uni<List<PromptRow>> duplicateCandidates(String domain, long[] bands, String numberKey, int limit) {
        if (bands.length == 0) {
            return rows(DuplicateLookup.BARE_CANDIDATES, domain, numberKey, limit);
        }
        return getSession().chain(session -> session.createNativeQuery(DuplicateLookup.USE_THE_INDEX, String.class)
                        .getSingleResult())
                .chain(() -> rows(DuplicateLookup.CANDIDATES, domain, numberKey, DuplicateBands.literal(bands), limit));
    }

    private Uni<List<PromptRow>> rows(String sql, Object... parameters) {
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new PromptRow((UUID) r[0], (UUID) r[1], (String) r[2])).toList());
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
