package dev.arbiter.qualification.review.repository;

import dev.arbiter.qualification.review.model.Review;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    public Uni<List<Review>> ofQuestion(UUID questionId) {
        return list("questionId = ?1 order by createdAt", questionId);
    }

    public Uni<Review> byReviewer(UUID questionId, UUID reviewerId) {
        return find("questionId = ?1 and reviewerId = ?2", questionId, reviewerId).firstResult();
    }

    public Uni<List<Review>> ofQuestions(List<UUID> questionIds) {
        return questionIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("questionId in ?1", questionIds);
    }
}
