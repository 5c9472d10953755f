package dev.arbiter.qualification.standing.repository;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.qualification.standing.model.QualityFacts;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class QualityFactsRepository implements PanacheRepositoryBase<QualityFacts, ExpertDomainKey> {

    /** Judgments decided so far in the domain as task-service last reported; 0 before its first report. */
    public Uni<Integer> decidedJudgments(UUID expertId, String domain) {
        return findById(new ExpertDomainKey(expertId, domain)).map(f -> f == null ? 0 : f.decidedJudgments);
    }
}
