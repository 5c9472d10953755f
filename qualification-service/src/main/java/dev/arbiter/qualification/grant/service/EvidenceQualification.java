package dev.arbiter.qualification.grant.service;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.expert.model.KnownExpert;
import dev.arbiter.qualification.expert.repository.KnownExpertRepository;
import dev.arbiter.qualification.grant.model.Qualification;
import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.qualification.grant.model.QualificationAudit;
import dev.arbiter.qualification.grant.repository.QualificationAuditRepository;
import dev.arbiter.qualification.grant.repository.QualificationRepository;
import dev.arbiter.qualification.question.model.Question;
import dev.arbiter.qualification.question.repository.QuestionRepository;
import dev.arbiter.qualification.keyreview.model.AnswerKeyReview;
import dev.arbiter.qualification.keyreview.repository.AnswerKeyReviewRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Qualifies an expert from evidence once {@code required-valid} of their questions in a domain are
 * valid, and raises the tier as the evidence grows. Runs inside the caller's transaction, so the
 * qualification, its audit row and the {@code ExpertQualified} event commit together.
 */
@ApplicationScoped
public class EvidenceQualification {

    private final QuestionRepository questions;
    private final AnswerKeyReviewRepository reviews;
    private final QualificationRepository qualifications;
    private final QualificationAuditRepository audit;
    private final KnownExpertRepository experts;
    private final OutboxWriter outbox;
    private final QualificationRules rules;

    public EvidenceQualification(QuestionRepository questions, AnswerKeyReviewRepository reviews,
                                 QualificationRepository qualifications, QualificationAuditRepository audit,
                                 KnownExpertRepository experts, OutboxWriter outbox, QualificationRules rules) {
        this.questions = questions;
        this.reviews = reviews;
        this.qualifications = qualifications;
        this.audit = audit;
        this.experts = experts;
        this.outbox = outbox;
        this.rules = rules;
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

    private Uni<Void> award(UUID expertId, String domain, int tier, int validCount) {
        return ensureKnown(expertId)
                .chain(() -> qualifications.findById(new ExpertDomainKey(expertId, domain)))
                .chain(existing -> {
                    if (existing != null && existing.tier >= tier) {
                        return Uni.createFrom().voidItem(); // never lowers a tier, nor replaces a higher grant
                    }
                    Qualification q = existing != null ? existing : new Qualification();
                    q.expertId = expertId;
                    q.domain = domain;
                    q.tier = tier;
                    q.source = "EVIDENCE";
                    q.qualifiedAt = Instant.now();
                    Uni<?> saved = existing != null ? Uni.createFrom().item(q) : qualifications.persist(q);
                    String reason = validCount + " valid stumping questions, peer-reviewed; tier " + tier + " from the evidence";
                    return saved.chain(() -> audit.persist(QualificationAudit.of(expertId, "EARNED", expertId, domain, tier, reason)))
                            .chain(() -> outbox.append(Topics.QUALIFICATION, Envelopes.newEnvelope(GrantService.PRODUCER, expertId.toString())
                                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expertId.toString())
                                            .setDomain(domain).setTier(Tier.forNumber(tier))
                                            .setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE))
                                    .build()));
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
