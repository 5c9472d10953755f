package dev.arbiter.qualification.keyreview.repository;

import dev.arbiter.qualification.keyreview.model.BlindAnswer;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BlindAnswerRepository implements PanacheRepositoryBase<BlindAnswer, UUID> {

    public Uni<BlindAnswer> byReviewer(UUID questionId, UUID reviewerId) {
        return find("questionId = ?1 and reviewerId = ?2", questionId, reviewerId).firstResult();
    }

    public Uni<List<BlindAnswer>> ofQuestion(UUID questionId) {
        return list("questionId = ?1 order by createdAt", questionId);
    }
}
