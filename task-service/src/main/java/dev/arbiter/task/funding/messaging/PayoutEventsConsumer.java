package dev.arbiter.task.funding.messaging;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.inbox.Inbox;
import dev.arbiter.task.funding.service.PayoutEffects;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code payouts.events.v1} through the inbox (each event applied once). Only payout-service's events count:
 * it owns the ledger, and a record from anyone else on the topic moves no money here.
 */
@ApplicationScoped
public class PayoutEventsConsumer {

    public static final String OWNER = "payout-service";
    private static final Logger LOG = Logger.getLogger(PayoutEventsConsumer.class);

    /** The cases {@link #apply} acts on (the inbox leaves the topic's others out before its transaction). */
    private static final Set<EventEnvelope.PayloadCase> ACTS_ON = EnumSet.of(EventEnvelope.PayloadCase.LAB_FUNDED,
            EventEnvelope.PayloadCase.SESSION_PAY_CHANGED, EventEnvelope.PayloadCase.BUDGET_EXHAUSTED);

    private final Inbox inbox;
    private final PayoutEffects effects;

    public PayoutEventsConsumer(Inbox inbox, PayoutEffects effects) {
        this.inbox = inbox;
        this.effects = effects;
    }

    /** Makes this consumer's effect known to the inbox at start, so parked events can be replayed before new ones arrive. */
    void registerForReplay(@Observes StartupEvent started) {
        inbox.register(Topics.PAYOUTS, this::apply);
    }

    @Incoming("payouts")
    public Uni<Void> onPayoutEvent(List<byte[]> records) {
        return inbox.consumeBatch(Topics.PAYOUTS, records, ACTS_ON, this::apply, Map.of());
    }

    private Uni<Void> apply(EventEnvelope envelope) {
        boolean owner = OWNER.equals(envelope.getProducer());
        return switch (envelope.getPayloadCase()) {
            case LAB_FUNDED -> owner ? effects.funded(envelope.getLabFunded()) : foreign(envelope);
            case SESSION_PAY_CHANGED -> owner ? effects.payChanged(envelope.getSessionPayChanged()) : foreign(envelope);
            case BUDGET_EXHAUSTED -> owner ? effects.exhausted(envelope.getBudgetExhausted()) : foreign(envelope);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> foreign(EventEnvelope envelope) {
        LOG.warnf("Ignored %s %s from %s: only %s's ledger events count", envelope.getPayloadCase(), envelope.getEventId(),
                envelope.getProducer(), OWNER);
        return Uni.createFrom().voidItem();
    }
}
