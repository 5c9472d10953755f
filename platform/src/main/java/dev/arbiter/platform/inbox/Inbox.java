package dev.arbiter.platform.inbox;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in the same
 * transaction as the effect, so a redelivered event finds its id taken and changes nothing.
 * Consumers run in Kafka batch mode (set for every channel in platform's microprofile-config.properties).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String CLAIM = "insert into inbox_event (consumer, event_id, event_type, producer) "
            + "values (?1, ?2, ?3, ?4) on conflict do nothing";

    private final String consumer;

    public Inbox(@ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.consumer = consumer;
    }

    /**
     * Applies a batch of records (a Kafka poll) in one transaction: each event is still claimed in the
     * inbox before its effect, in record order, so redeliveries and duplicates inside the batch change
     * nothing; one commit per batch instead of per event is what lets a consumer keep up with bursts.
     * If any effect fails, the whole batch rolls back and is retried; all of it is idempotent.
     */
    public Uni<Void> consumeBatch(List<byte[]> records, Function<EventEnvelope, Uni<Void>> effect) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        for (byte[] record : records) {
            Envelopes.parse(record).ifPresentOrElse(envelopes::add, () -> LOG.errorf(
                    "%s skipped a record that is not an event envelope (%d bytes)", consumer, record == null ? 0 : record.length));
        }
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> applyInOrder(envelopes, 0, effect)))
                // each failed attempt is said with its cause: after the last, the batch is nacked to the dead-letter
                // topic, and this line is what tells an operator why
                .onFailure().invoke(e -> LOG.warnf(e, "%s could not apply a batch of %d event(s) (first %s, %s); it is retried",
                        consumer, envelopes.size(), envelopes.get(0).getEventId(), envelopes.get(0).getPayloadCase()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(3)).atMost(8);
    }

    private Uni<Void> applyInOrder(List<EventEnvelope> envelopes, int index, Function<EventEnvelope, Uni<Void>> effect) {
        if (index == envelopes.size()) {
            return Uni.createFrom().voidItem();
        }
        EventEnvelope envelope = envelopes.get(index);
        // Flushing and clearing after each event keeps the persistence context small: otherwise every
        // statement's auto-flush re-checks all entities the batch has touched so far (quadratic).
        return claim(envelope)
                .chain(first -> first ? effect.apply(envelope) : skipDuplicate(envelope))
                .chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)))
                .chain(() -> applyInOrder(envelopes, index + 1, effect));
    }

    private Uni<Boolean> claim(EventEnvelope envelope) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter(1, consumer)
                        .setParameter(2, UUID.fromString(envelope.getEventId()))
                        .setParameter(3, envelope.getPayloadCase().name())
                        .setParameter(4, envelope.getProducer())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Void> skipDuplicate(EventEnvelope envelope) {
        LOG.debugf("%s already processed event %s (%s)", consumer, envelope.getEventId(), envelope.getPayloadCase());
        return Uni.createFrom().voidItem();
    }
}
