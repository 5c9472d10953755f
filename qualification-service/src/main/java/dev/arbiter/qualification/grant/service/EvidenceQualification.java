package dev.arbiter.qualification.grant.service;

import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.expert.model.KnownExpert;
import dev.arbiter.qualification.expert.repository.KnownExpertRepository;
import dev.arbiter.qualification.grant.model.StandingAction;
import dev.arbiter.qualification.grant.model.StandingSource;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.keyreview.repository.AnswerKeyReviewRepository;
import dev.arbiter.qualification.standing.TierPolicy;
import dev.arbiter.qualification.standing.TierPolicy.Decision;
import dev.arbiter.qualification.standing.TierRules;
import dev.arbiter.qualification.standing.service.StandingChanges;
import dev.arbiter.qualification.standing.service.StandingChanges.TierChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Qualifies an expert from evidence once {@code required-valid} of their questions in a domain are
 * valid, and raises the tier as the evidence grows while the standing rests on evidence alone
 * ({@link TierPolicy#onEvidence}). Runs inside the caller's transaction, so the qualification, its
 * audit row and the {@code ExpertQualified} event commit together.
 */
@ApplicationScoped
public class EvidenceQualification {

    private final QuestionRepository questions;
    private final AnswerKeyReviewRepository reviews;
    private final KnownExpertRepository experts;
    private final StandingChanges changes;
    private final QualificationRules rules;
    private final TierPolicy policy;

    public EvidenceQualification(QuestionRepository questions, AnswerKeyReviewRepository reviews, KnownExpertRepository experts,
                                 StandingChanges changes, QualificationRules rules, TierRules tiers) {
        this.questions = questions;
        this.reviews = reviews;
        this.experts = experts;
        this.changes = changes;
        this.rules = rules;
        this.policy = TierPolicy.of(tiers);
    }

    /** Must be called within a transaction after one of the expert's questions became VALID. */
    public Uni<Void> reconsider(UUID expertId, String domain) {
        return questions.validOf(expertId, domain).chain(valid -> {
            if (valid.size() < rules.requiredValid()) {
                return Uni.createFrom().voidItem();
            }
            return reviews.ofQuestions(valid.stream().map(q -> q.id).toList())
                    .chain(rs -> award(expertId, domain, EvidenceTier.of(valid, byQuestion(rs), rules.requiredValid()),
                            valid.size()));
        });
    }

    private Uni<Void> award(UUID expertId, String domain, int evidenceTier, int validCount) {
        return ensureKnown(expertId)
                .chain(() -> changes.lock(expertId, domain))
                .chain(existing -> {
                    Decision decision = policy.onEvidence(StandingChanges.asPolicySees(existing), evidenceTier);
                    if (!decision.outcome().changesTier()) {
                        return Uni.createFrom().voidItem();
                    }
                    String reason = validCount + " valid stumping questions, peer-reviewed; " + decision.why();
                    return changes.setTier(existing, new TierChange(expertId, domain, decision.tier(), StandingSource.EVIDENCE,
                            StandingAction.EARNED, expertId, reason)).replaceWithVoid();
                });
    }

    /** The account event may still be on its way: the qualification must not wait for it. */
    private Uni<Void> ensureKnown(UUID expertId) {
        return experts.findById(expertId).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            KnownExpert expert = new KnownExpert();
            expert.id = expertId;
            expert.displayName = "";
            expert.registeredAt = Instant.now();
            return experts.persist(expert).replaceWithVoid();
        });
    }

    private static Map<UUID, List<AnswerKeyReview>> byQuestion(List<AnswerKeyReview> rs) {
        return rs.stream().collect(Collectors.groupingBy(r -> r.questionId));
    }

    /** The tier the evidence supports. */
    public static final class EvidenceTier {

        private EvidenceTier() {
        }

        /**
         * One point per valid question, half a point more when it stumped every model that answered,
         * half a point more when every blind reviewer independently reached the key. Tier 2 from twice
         * the required points, tier 3 from three times.
         */
        public static int of(List<Question> valid, Map<UUID, List<AnswerKeyReview>> reviews, int requiredValid) {
            double score = 0;
            for (Question q : valid) {
                score += 1;
                if (q.failures >= 3) {
                    score += 0.5;
                }
                List<AnswerKeyReview> rs = reviews.getOrDefault(q.id, List.of());
                if (!rs.isEmpty() && rs.stream().allMatch(r -> Boolean.TRUE.equals(r.blindAgrees))) {
                    score += 0.5;
                }
            }
            if (score >= 3.0 * requiredValid) {
                return 3;
            }
            return score >= 2.0 * requiredValid ? 2 : 1;
        }
    }
}
