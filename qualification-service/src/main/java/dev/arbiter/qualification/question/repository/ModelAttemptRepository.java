package dev.arbiter.qualification.question.repository;

import dev.arbiter.qualification.question.model.ModelAttempt;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ModelAttemptRepository implements PanacheRepositoryBase<ModelAttempt, UUID> {

    public Uni<List<ModelAttempt>> ofQuestion(UUID questionId) {
        return list("questionId = ?1 order by round desc, model", questionId);
    }

    public Uni<List<ModelAttempt>> currentOf(UUID questionId) {
        return list("questionId = ?1 and latest = true order by model", questionId);
    }

    public Uni<Integer> retire(UUID questionId) {
        return update("latest = false where questionId = ?1 and latest = true", questionId);
    }

    /** Per model and domain over the latest round of every evaluated question. */
    public Uni<List<StatsRow>> stats() {
        return getSession().chain(session -> session.createNativeQuery(
                        "select a.model, q.domain, count(*), "
                                + "count(*) filter (where a.verdict <> 'NO_ANSWER'), "
                                + "count(*) filter (where a.verdict = 'INCORRECT' and not a.uncertain) "
                                + "from model_attempt a join question q on q.id = a.question_id where a.current "
                                + "group by a.model, q.domain order by q.domain, a.model", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new StatsRow((String) r[0], (String) r[1],
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList());
    }
}
