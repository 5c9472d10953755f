package dev.arbiter.platform.inbox;

import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in the same
 * transaction as the effect, so a redelivered event finds its id taken and changes nothing.
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
     * Parses a record and applies {@code effect} once. A record that is not an envelope can never
     * succeed, so it is logged and skipped; a failing effect is retried with backoff, and if it still
     * fails the failure propagates (the channel's failure strategy keeps the record).
     */
    public Uni<Void> consume(byte[] record, Function<EventEnvelope, Uni<Void>> effect) {
        return Envelopes.parse(record)
                .map(envelope -> applyOnce(envelope, effect))
                .orElseGet(() -> {
                    LOG.errorf("%s skipped a record that is not an event envelope (%d bytes)", consumer,
                            record == null ? 0 : record.length);
                    return Uni.createFrom().voidItem();
                });
    }

    public Uni<Void> applyOnce(EventEnvelope envelope, Function<EventEnvelope, Uni<Void>> effect) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> claim(envelope)
                        .chain(first -> first ? effect.apply(envelope) : skipDuplicate(envelope))))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(3)).atMost(8);
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
