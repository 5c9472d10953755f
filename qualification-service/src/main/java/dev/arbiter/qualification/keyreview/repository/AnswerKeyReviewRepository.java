package dev.arbiter.qualification.keyreview.repository;

import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AnswerKeyReviewRepository implements PanacheRepositoryBase<AnswerKeyReview, UUID> {

    public Uni<List<AnswerKeyReview>> ofQuestion(UUID questionId) {
        return list("questionId = ?1 order by createdAt", questionId);
    }

    public Uni<AnswerKeyReview> byReviewer(UUID questionId, UUID reviewerId) {
        return find("questionId = ?1 and reviewerId = ?2", questionId, reviewerId).firstResult();
    }

    public Uni<List<AnswerKeyReview>> ofQuestions(List<UUID> questionIds) {
        return questionIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("questionId in ?1", questionIds);
    }
}
