package dev.arbiter.bench.events;

import com.google.protobuf.Timestamp;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A topic the benchmark feeds through its producer's outbox, and the services that consume it (each with the
 * database its inbox lives in). Together the two streams reach every consumer of the stack:
 * {@code marketplace.accounts.v1} (payout-service, task-service, qualification-service) and
 * {@code qualification.events.v1} (marketplace-api, task-service).
 */
record EventStream(String name, String database, String topic, String producer,
                   Function<OutboxLoad.Event, EventEnvelope> payload, Map<String, String> consumers) {

    /** {@code ExpertRegistered}, as marketplace-api commits it at a registration. */
    static final EventStream ACCOUNTS = new EventStream("accounts", "marketplace", "marketplace.accounts.v1",
            "marketplace-api", EventStream::expertRegistered, ordered(
                    "payout-service", "payouts", "task-service", "tasks", "qualification-service", "qualification"));

    /** {@code ExpertQualified} (version 1, tier 2), as qualification-service commits it when an expert qualifies. */
    static final EventStream QUALIFICATION = new EventStream("qualification", "qualification", "qualification.events.v1",
            "qualification-service", EventStream::expertQualified, ordered(
                    "marketplace-api", "marketplace", "task-service", "tasks"));

    static final List<EventStream> ALL = List.of(ACCOUNTS, QUALIFICATION);

    static EventStream named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stream " + name + " (accounts, qualification)"));
    }

    private static Map<String, String> ordered(String... serviceThenDatabase) {
        Map<String, String> consumers = new LinkedHashMap<>();
        for (int i = 0; i < serviceThenDatabase.length; i += 2) {
            consumers.put(serviceThenDatabase[i], serviceThenDatabase[i + 1]);
        }
        return consumers;
    }

    private static EventEnvelope.Builder envelope(OutboxLoad.Event event, String producer) {
        Instant now = Instant.now();
        return EventEnvelope.newBuilder()
                .setEventId(event.eventId().toString())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer(producer)
                .setAggregateId(event.expertId().toString());
    }

    /** What {@code Envelopes.newEnvelope("marketplace-api", expertId).setExpertRegistered(...)} builds. */
    private static EventEnvelope expertRegistered(OutboxLoad.Event event) {
        String expertId = event.expertId().toString();
        return envelope(event, "marketplace-api")
                .setExpertRegistered(ExpertRegistered.newBuilder()
                        .setExpertId(expertId)
                        .setEmail("bench-" + expertId + "@bench.arbiter.local")
                        .setDisplayName("Bench Expert " + expertId.substring(0, 8)))
                .build();
    }

    /** What qualification-service's {@code StandingChanges} appends when an expert first qualifies in a domain. */
    private static EventEnvelope expertQualified(OutboxLoad.Event event) {
        return envelope(event, "qualification-service")
                .setExpertQualified(ExpertQualified.newBuilder()
                        .setExpertId(event.expertId().toString())
                        .setDomain("finance")
                        .setTier(Tier.TIER_2)
                        .setSource(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE)
                        .setVersion(1)
                        .setReason("bench: 3 valid questions"))
                .build();
    }

    /** A fresh expert per event (an event id of its own). */
    static UUID newExpert() {
        return UUID.randomUUID();
    }
}
