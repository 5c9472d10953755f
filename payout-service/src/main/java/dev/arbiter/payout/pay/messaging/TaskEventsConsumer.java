package dev.arbiter.payout.pay.messaging;

import dev.arbiter.payout.pay.service.JobBudgets;
import dev.arbiter.payout.pay.service.PayFlows;
import dev.arbiter.payout.pay.service.StageRules;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.JudgmentReviewed;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** task-service's events that move money: budgets, leases, finalised sessions, review decisions, admin verdicts. */
@ApplicationScoped
public class TaskEventsConsumer {

    /**
     * The cases {@link #apply} acts on; the inbox leaves the topic's others (judgments submitted, quality measured…) out
     * before its transaction.
     */
    private static final Set<EventEnvelope.PayloadCase> ACTS_ON = EnumSet.of(EventEnvelope.PayloadCase.JOB_PUBLISHED,
            EventEnvelope.PayloadCase.WORK_SESSION_OPENED, EventEnvelope.PayloadCase.WORK_SESSION_VERIFIED,
            EventEnvelope.PayloadCase.WORK_SESSION_FLAGGED, EventEnvelope.PayloadCase.JUDGMENT_REVIEWED,
            EventEnvelope.PayloadCase.SESSION_CLEARED, EventEnvelope.PayloadCase.SESSION_FRAUD_CONFIRMED);

    private final Inbox inbox;
    private final JobBudgets budgets;
    private final PayFlows pay;

    public TaskEventsConsumer(Inbox inbox, JobBudgets budgets, PayFlows pay) {
        this.inbox = inbox;
        this.budgets = budgets;
        this.pay = pay;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.TASKS, this::apply);
    }

    @Incoming("tasks")
    public Uni<Void> onEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.TASKS, records, ACTS_ON, this::apply, Map.of());
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        return switch (envelope.getPayloadCase()) {
            case JOB_PUBLISHED -> budgets.reserve(envelope.getJobPublished(), Envelopes.occurredAt(envelope));
            case WORK_SESSION_OPENED -> budgets.sessionOpened(envelope.getWorkSessionOpened());
            case WORK_SESSION_VERIFIED -> pay.accrue(envelope.getWorkSessionVerified().getWork(), false);
            case WORK_SESSION_FLAGGED -> pay.accrue(envelope.getWorkSessionFlagged().getWork(), true);
            case JUDGMENT_REVIEWED -> reviewed(envelope.getJudgmentReviewed(), Envelopes.occurredAt(envelope));
            case SESSION_CLEARED -> pay.cleared(UUID.fromString(envelope.getSessionCleared().getSessionId()));
            case SESSION_FRAUD_CONFIRMED -> pay.fraudConfirmed(UUID.fromString(envelope.getSessionFraudConfirmed().getSessionId()));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> reviewed(JudgmentReviewed event, Instant occurredAt) {
        StageRules.Decision decision = switch (event.getDecision()) {
            case REVIEW_DECISION_ACCEPT -> StageRules.Decision.ACCEPT;
            case REVIEW_DECISION_REJECT -> StageRules.Decision.REJECT;
            case REVIEW_DECISION_REVISE -> StageRules.Decision.REVISE;
            default -> null;
        };
        if (decision == null) {
            return Uni.createFrom().voidItem();
        }
        Instant decidedAt = event.hasReviewedAt()
                ? Instant.ofEpochSecond(event.getReviewedAt().getSeconds(), event.getReviewedAt().getNanos()) : occurredAt;
        return pay.judgmentReviewed(UUID.fromString(event.getJudgmentId()), decision, decidedAt);
    }
}
