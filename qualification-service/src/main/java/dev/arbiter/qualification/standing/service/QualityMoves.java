package dev.arbiter.qualification.standing.service;

import dev.arbiter.platform.persistence.ExpertDomainKey;
import dev.arbiter.proto.tasks.v1.ExpertQualityMeasured;
import dev.arbiter.qualification.grant.model.StandingAction;
import dev.arbiter.qualification.grant.model.StandingSource;
import dev.arbiter.qualification.standing.TierPolicy;
import dev.arbiter.qualification.standing.TierPolicy.Decision;
import dev.arbiter.qualification.standing.TierPolicy.Outcome;
import dev.arbiter.qualification.standing.TierRules;
import dev.arbiter.qualification.standing.model.QualityFacts;
import dev.arbiter.qualification.standing.repository.QualityFactsRepository;
import dev.arbiter.qualification.standing.service.StandingChanges.TierChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records the quality facts task-service measured and lets {@link TierPolicy} decide whether they move
 * the expert's tier. Runs in the inbox's transaction, so the facts, the move, its audit entry and its
 * event commit together with the event id.
 */
@ApplicationScoped
public class QualityMoves {

    private static final Logger LOG = Logger.getLogger(QualityMoves.class);

    private final QualityFactsRepository facts;
    private final StandingChanges changes;
    private final TierPolicy policy;

    public QualityMoves(QualityFactsRepository facts, StandingChanges changes, TierRules rules) {
        this.facts = facts;
        this.changes = changes;
        this.policy = TierPolicy.of(rules);
    }

    public Uni<Void> apply(ExpertQualityMeasured measured) {
        UUID expertId = UUID.fromString(measured.getExpertId());
        String domain = measured.getDomain();
        Instant measuredAt = Instant.ofEpochSecond(measured.getMeasuredAt().getSeconds(), measured.getMeasuredAt().getNanos());
        return facts.findById(new ExpertDomainKey(expertId, domain)).chain(known -> {
            if (known != null && known.measuredAt.isAfter(measuredAt)) {
                // Facts measured before the ones already held say nothing new (the key keeps one expert's
                // events in order, but a replayed or re-sent old event may still arrive late).
                LOG.debugf("Ignored quality of %s in %s measured at %s: newer facts are held", expertId, domain, measuredAt);
                return Uni.createFrom().voidItem();
            }
            QualityFacts f = known != null ? known : new QualityFacts();
            f.expertId = expertId;
            f.domain = domain;
            f.qualityScore = measured.getQualityScore();
            f.goldAccuracy = measured.hasGoldAccuracy() ? measured.getGoldAccuracy() : null;
            f.consensusAgreement = measured.hasConsensusAgreement() ? measured.getConsensusAgreement() : null;
            f.acceptanceRate = measured.hasAcceptanceRate() ? measured.getAcceptanceRate() : null;
            f.decidedJudgments = measured.getDecidedJudgments();
            f.measuredAt = measuredAt;
            Uni<?> saved = known != null ? Uni.createFrom().item(f) : facts.persist(f);
            return saved.chain(() -> move(f));
        });
    }

    private Uni<Void> move(QualityFacts f) {
        return changes.lock(f.expertId, f.domain).chain(standing -> {
            Decision decision = policy.onQuality(StandingChanges.asPolicySees(standing), f.qualityScore, f.decidedJudgments);
            if (!decision.outcome().changesTier()) {
                return Uni.createFrom().voidItem();
            }
            StandingAction action = decision.outcome() == Outcome.PROMOTED ? StandingAction.PROMOTED : StandingAction.DEMOTED;
            String reason = decision.why() + String.format(Locale.ROOT, "; gold %s, consensus %s, accepted %s",
                    pct(f.goldAccuracy), pct(f.consensusAgreement), pct(f.acceptanceRate));
            return changes.setTier(standing, new TierChange(f.expertId, f.domain, decision.tier(), StandingSource.QUALITY,
                    action, null, reason)).replaceWithVoid();
        });
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : Math.round(v * 100) + "%";
    }
}
