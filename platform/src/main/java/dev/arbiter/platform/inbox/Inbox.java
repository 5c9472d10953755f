package dev.arbiter.platform.inbox;

import dev.arbiter.platform.events.EventContract;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.reactive.InSequence;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
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
    /**
     * Claims a batch's event ids at once (aligned lists in text parameters, see {@link #SEPARATOR}); returns the ids it
     * inserted, i.e. the events not applied before. A duplicate id within the list is inserted once.
     */
    private static final String CLAIM_ALL = "insert into inbox_event (consumer, event_id, event_type, producer) "
            + "select ?1, cast(c.event_id as uuid), c.event_type, c.producer from unnest(string_to_array(?2, ?5), "
            + "string_to_array(?3, ?5), string_to_array(?4, ?5)) as c(event_id, event_type, producer) "
            + "on conflict do nothing returning cast(event_id as text)";

    /** Parks an event (again: one more attempt); an event the inbox already applied is never parked. */
    private static final String PARK = "insert into inbox_parked (consumer, event_id, event_type, producer, aggregate_id, "
            + "envelope, error) select ?1, ?2, ?3, ?4, ?5, ?6, ?7 where not exists (select 1 from inbox_event "
            + "where consumer = ?1 and event_id = ?2) on conflict (consumer, event_id) do update set error = excluded.error, "
            + "attempts = inbox_parked.attempts + 1, last_try_at = now()";
    private static final String BLOCKED = "select distinct aggregate_id from inbox_parked where consumer = ?1 "
            + "and aggregate_id = any(string_to_array(?2, ?3))";
    private static final String UNPARK = "delete from inbox_parked where consumer = ?1 and event_id = ?2";
    private static final String RETRIED = "update inbox_parked set attempts = attempts + 1, error = ?3, last_try_at = now() "
            + "where consumer = ?1 and event_id = ?2";
    /** Separates aggregate ids in one text parameter (a character no id contains). */
    private static final String SEPARATOR = "\u001f";

    private final String consumer;
    private final int batchRetries;
    private final int eventRetries;
    private final Duration replayInterval;
    private final int outageRetries;
    private final Duration transactionTimeout;
    /** The effect for each topic this service consumes, as its consumers register them: what replays a parked event. */
    private final Map<String, Function<EventEnvelope, Uni<Void>>> effects = new ConcurrentHashMap<>();
    private final AtomicLong lastReplay = new AtomicLong(System.nanoTime());

    public Inbox(@ConfigProperty(name = "quarkus.application.name") String consumer,
                 @ConfigProperty(name = "arbiter.inbox.batch-retries", defaultValue = "3") int batchRetries,
                 @ConfigProperty(name = "arbiter.inbox.event-retries", defaultValue = "3") int eventRetries,
                 @ConfigProperty(name = "arbiter.inbox.replay-interval", defaultValue = "5m") Duration replayInterval,
                 @ConfigProperty(name = "arbiter.inbox.outage-retries", defaultValue = "20") int outageRetries,
                 @ConfigProperty(name = "arbiter.inbox.transaction-timeout", defaultValue = "60s") Duration transactionTimeout) {
        this.consumer = consumer;
        this.batchRetries = batchRetries;
        this.eventRetries = eventRetries;
        this.replayInterval = replayInterval;
        this.outageRetries = outageRetries;
        this.transactionTimeout = transactionTimeout;
    }

    /**
     * Applies a batch of records (a Kafka poll) in one transaction: each event is still claimed in the
     * inbox before its effect, in record order, so redeliveries and duplicates inside the batch change
     * nothing; one commit per batch instead of per event is what lets a consumer keep up with bursts.
     * <p>
     * An event whose effect keeps failing is parked in {@code inbox_parked} (whole, with why) while the others go
     * on; the batch is then applied one event at a time to find it. Events of one aggregate stay in order: while an
     * aggregate has a parked event, its later events are parked behind it (a clearing never overtakes the accrual it
     * clears), and replays keep that order. Only when even parking fails (the database is unreachable) is the batch
     * retried for minutes and then sent to the channel's dead-letter topic.
     */
    public Uni<Void> consumeBatch(String topic, List<byte[]> records, Function<EventEnvelope, Uni<Void>> unchecked) {
        return consumeBatch(topic, records, unchecked, Map.of());
    }

    /**
     * {@link #consumeBatch(String, List, Function)}, with set-based effects: a run of consecutive events of a payload
     * case that has one in {@code runEffects} (claimed, not blocked, duplicates left out) is applied by one call, so a
     * poll of a thousand registrations costs a statement or two instead of a thousand. A run effect must change exactly
     * what {@code unchecked} applied to each of the run's events in order would; only the whole batch uses it: an
     * event applied alone (the batch failed and is applied one by one, or a parked event replayed) goes through
     * {@code unchecked}. Each event of a run is checked against the contract's ranges first, as {@code unchecked}'s are.
     */
    public Uni<Void> consumeBatch(String topic, List<byte[]> records, Function<EventEnvelope, Uni<Void>> unchecked,
                                  Map<EventEnvelope.PayloadCase, Function<List<EventEnvelope>, Uni<Void>>> runEffects) {
        return consumeBatch(topic, records, null, unchecked, runEffects);
    }

    /**
     * {@link #consumeBatch(String, List, Function, Map)} for a consumer that acts on only some of its topic's events:
     * those of the other payload cases have no effect here, so they are left out before the transaction, with no inbox
     * row (applying nothing twice changes nothing); a poll of only such events costs no transaction at all. The
     * consumer's {@code unchecked} must do nothing for any case outside {@code actsOn} (null: it may act on every case).
     */
    public Uni<Void> consumeBatch(String topic, List<byte[]> records, Set<EventEnvelope.PayloadCase> actsOn,
                                  Function<EventEnvelope, Uni<Void>> unchecked,
                                  Map<EventEnvelope.PayloadCase, Function<List<EventEnvelope>, Uni<Void>>> runEffects) {
        Function<EventEnvelope, Uni<Void>> effect = withinRange(unchecked);
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        for (byte[] record : records) {
            Envelopes.parse(record).filter(Inbox::hasEventId).ifPresentOrElse(envelope -> {
                String impostor = EventContract.impostor(envelope, topic);
                if (impostor == null) {
                    if (actsOn == null || actsOn.contains(envelope.getPayloadCase())) {
                        envelopes.add(envelope);
                    }
                } else {
                    // Never applied, never parked (a replay could not make it true), and it blocks no aggregate.
                    LOG.errorf("%s refused event %s (aggregate %s): %s", consumer, envelope.getEventId(),
                            envelope.getAggregateId(), impostor);
                }
            }, () -> LOG.errorf("%s skipped a record that is not an event envelope with an event id (%d bytes)",
                    consumer, record == null ? 0 : record.length));
        }
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        effects.putIfAbsent(topic, effect);
        ScheduledExecutorService retries = RetryScheduler.onCurrentContext();
        return inTransaction(() -> blocked(envelopes).chain(blocked -> applyInOrder(envelopes, effect, blocked, runEffects)))
                .onFailure(Inbox::worthRetrying).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withExecutor(retries).atMost(batchRetries)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "%s could not apply a batch of %d event(s) (first %s, %s); applying them one by one",
                            consumer, envelopes.size(), envelopes.get(0).getEventId(), envelopes.get(0).getPayloadCase());
                    return oneByOne(envelopes, effect, retries);
                })
                // Only a failure to park gets here: the database itself is unreachable, and no event is to blame. The
                // partition waits (the events already applied are skipped by the inbox on the next try) for minutes
                // before the batch goes to the dead-letter topic. (The connector allows a record 15 minutes unacknowledged.)
                .onFailure().invoke(e -> LOG.errorf(e, "%s could not apply nor park a batch of %d event(s); the database "
                        + "looks unreachable, it tries again", consumer, envelopes.size()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).withExecutor(retries)
                .atMost(outageRetries)
                .chain(this::replayParkedWhenDue);
    }

    private Uni<Void> oneByOne(List<EventEnvelope> envelopes, Function<EventEnvelope, Uni<Void>> effect,
                               ScheduledExecutorService retries) {
        Set<String> parkedHere = new HashSet<>();
        return inSequence(envelopes, envelope -> parkedHere.contains(envelope.getAggregateId())
                ? inTransaction(() -> parkBehind(envelope))
                : inTransaction(() -> blocked(List.of(envelope)).chain(blocked -> applyInOrder(List.of(envelope), effect, blocked, Map.of())))
                        .onFailure(Inbox::worthRetrying).retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
                        .withExecutor(retries).atMost(eventRetries)
                        .onFailure().recoverWithUni(e -> park(envelope, e).invoke(() -> parkedHere.add(envelope.getAggregateId()))));
    }

    private Uni<Void> park(EventEnvelope envelope, Throwable cause) {
        LOG.errorf(cause, "%s parked event %s (%s from %s, aggregate %s): its effect keeps failing. The other aggregates' "
                + "events go on, this aggregate's later ones wait behind it; it is replayed every %s and stays in "
                + "inbox_parked until it applies", consumer, envelope.getEventId(), envelope.getPayloadCase(),
                envelope.getProducer(), envelope.getAggregateId(), replayInterval);
        return inTransaction(() -> insertParked(envelope, describe(cause)));
    }

    /** Parks an event behind an earlier parked one of its aggregate, in the caller's transaction. */
    private Uni<Void> parkBehind(EventEnvelope envelope) {
        LOG.warnf("%s parked event %s (%s) behind an earlier parked event of aggregate %s", consumer, envelope.getEventId(),
                envelope.getPayloadCase(), envelope.getAggregateId());
        return insertParked(envelope, "waits behind an earlier parked event of aggregate " + envelope.getAggregateId());
    }

    private Uni<Void> insertParked(EventEnvelope envelope, String error) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PARK)
                .setParameter(1, consumer).setParameter(2, UUID.fromString(envelope.getEventId()))
                .setParameter(3, envelope.getPayloadCase().name()).setParameter(4, envelope.getProducer())
                .setParameter(5, envelope.getAggregateId()).setParameter(6, envelope.toByteArray()).setParameter(7, error)
                .executeUpdate()).replaceWithVoid();
    }

    /** The aggregates among these events' that have a parked event: their events must wait behind it. One query. */
    private Uni<Set<String>> blocked(List<EventEnvelope> envelopes) {
        String aggregates = String.join(SEPARATOR, envelopes.stream().map(EventEnvelope::getAggregateId).distinct().toList());
        return Panache.getSession().chain(session -> session.<String>createNativeQuery(BLOCKED, String.class)
                        .setParameter(1, consumer).setParameter(2, aggregates).setParameter(3, SEPARATOR).getResultList())
                .map(HashSet::new);
    }

    /**
     * Registers the effect of a topic's events before any arrive, so parked events can be replayed right after a start
     * (consumers call it when the application starts); {@link #consumeBatch} registers it too.
     */
    public void register(String topic, Function<EventEnvelope, Uni<Void>> effect) {
        effects.putIfAbsent(topic, withinRange(effect));
    }

    /** This consumer's parked events, oldest first. */
    public Uni<List<ParkedEvent>> parked(int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(
                        "select seq, event_id, event_type, producer, aggregate_id, error, attempts, parked_at, last_try_at "
                                + "from inbox_parked where consumer = ?1 order by seq limit ?2")
                .setParameter(1, consumer).setParameter(2, limit).getResultList()))
                .map(rows -> rows.stream().map(r -> new ParkedEvent(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                        (String) r[3], (String) r[4], (String) r[5], ((Number) r[6]).intValue(), offset(r[7]), offset(r[8])))
                        .toList());
    }

    /** How many events this consumer has parked. */
    public Uni<Long> parkedCount() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select count(*) from inbox_parked where consumer = ?1", Long.class).setParameter(1, consumer)
                .getSingleResult()));
    }

    private static java.time.OffsetDateTime offset(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.atOffset(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : java.time.OffsetDateTime.parse(value.toString());
    }

    /**
     * Now and then (at most once per {@code arbiter.inbox.replay-interval}, when events arrive), parked events
     * whose type this consumer has an effect for are tried again; one that applies leaves the table.
     */
    private Uni<Void> replayParkedWhenDue() {
        long now = System.nanoTime();
        long last = lastReplay.get();
        if (now - last < replayInterval.toNanos() || !lastReplay.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        // the batch is applied by now: a replay that cannot even run must not fail it
        return replayParked().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf(e, "%s could not replay its parked events; it tries again in %s", consumer, replayInterval);
            return null;
        });
    }

    /**
     * Tries this consumer's parked events once, in the order they were parked; an aggregate whose event still fails
     * keeps its later events parked, untried. How many applied (and left the table).
     */
    public Uni<Integer> replayParked() {
        return inTransaction(() -> Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(
                        "select aggregate_id, envelope from inbox_parked where consumer = ?1 order by seq limit 1000")
                        .setParameter(1, consumer).getResultList()))
                .chain(parked -> {
                    Set<String> stuck = new HashSet<>();
                    AtomicInteger applied = new AtomicInteger();
                    return inSequence(parked, row -> replayOne(row, stuck).invoke(applied::addAndGet).replaceWithVoid())
                            .map(done -> applied.get());
                });
    }

    /** Replays one parked event (a row of aggregate and envelope): 1 when it applied, 0 when skipped or still failing. */
    private Uni<Integer> replayOne(Object[] row, Set<String> stuck) {
        String aggregate = (String) row[0];
        EventEnvelope envelope = Envelopes.parse((byte[]) row[1]).orElse(null);
        Function<EventEnvelope, Uni<Void>> effect = envelope == null ? null
                : effects.get(EventContract.ownerOf(envelope.getPayloadCase()).topic());
        if (effect == null || stuck.contains(aggregate)) {
            // unknown here yet, or behind an event that still fails: its aggregate's later events wait too
            stuck.add(aggregate);
            return Uni.createFrom().item(0);
        }
        UUID eventId = UUID.fromString(envelope.getEventId());
        return inTransaction(() -> applyInOrder(List.of(envelope), effect, Set.of(), Map.of())
                        .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(UNPARK)
                                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate())))
                .map(ignored -> 1)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("%s replayed parked event %s (%s); it still fails: %s", consumer, eventId,
                            envelope.getPayloadCase(), describe(e));
                    stuck.add(aggregate);
                    return inTransaction(() -> Panache.getSession().chain(session -> session
                            .createNativeQuery(RETRIED).setParameter(1, consumer).setParameter(2, eventId)
                            .setParameter(3, describe(e)).executeUpdate())).replaceWith(0);
                });
    }

    /**
     * The effect, applied only to an event whose fields lie within the {@link EventContract}'s ranges; one out of
     * range fails at once (no retry can change it) and is parked with the fields named, for a replay after a fix.
     */
    private static Function<EventEnvelope, Uni<Void>> withinRange(Function<EventEnvelope, Uni<Void>> effect) {
        return envelope -> {
            List<String> problems = EventContract.outOfRange(envelope);
            return problems.isEmpty() ? effect.apply(envelope)
                    : Uni.createFrom().failure(new OutOfRange(envelope.getPayloadCase() + " out of range: "
                            + String.join("; ", problems)));
        };
    }

    private static boolean worthRetrying(Throwable failure) {
        return !(failure instanceof OutOfRange);
    }

    /** An event whose fields are out of range: it fails the same way every time. */
    static final class OutOfRange extends RuntimeException {
        OutOfRange(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The work in a transaction of its own, given at most {@code arbiter.inbox.transaction-timeout} to finish. A
     * transaction that makes no progress for that long is cancelled (on the caller's Vert.x context, where its session
     * lives) and fails with {@link StalledTransaction}, which the callers retry like any transient failure. Seen in
     * bench chaos, after a PostgreSQL restart and a Kafka outage: a consumer's transaction waiting for ever between two
     * statements while PostgreSQL had answered them all, its consumer stopped and, in payout-service, the other
     * consumers queued behind its row locks. PostgreSQL itself ends such a transaction after a minute
     * (idle_in_transaction_session_timeout, platform's configuration), which frees the locks; this frees the consumer.
     */
    private <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return withinDeadline(onFreshContext(Uni.createFrom().deferred(() -> Panache.withTransaction(work))), transactionTimeout,
                RetryScheduler.onCurrentContext(), () -> {
                    LOG.warnf("%s: a transaction made no progress for %s; it is cancelled and tried again", consumer,
                            transactionTimeout);
                    return new StalledTransaction(transactionTimeout);
                });
    }

    /**
     * Runs each subscription to {@code attempt} on a new duplicated Vert.x context of the caller's event loop, and
     * hands its outcome back on the caller's context. Panache keeps a unit of work's session in the current duplicated
     * context and reuses any open session it finds there: an attempt must never find one left by an earlier attempt
     * (a transaction cut by a restart, cancelled as stalled, or still unwinding), or it would run its statements in
     * that session. Outside Vert.x (no context), the attempt runs as it is.
     */
    static <T> Uni<T> onFreshContext(Uni<T> attempt) {
        io.vertx.core.Context caller = Vertx.currentContext();
        if (caller == null) {
            return attempt;
        }
        return attempt.runSubscriptionOn(task -> {
                    io.vertx.core.Context fresh = VertxContext.createNewDuplicatedContext(caller);
                    VertxContextSafetyToggle.setContextSafe(fresh, true);
                    fresh.runOnContext(ignored -> task.run());
                })
                .emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** Each subscription to {@code attempt} gets {@code timeout}; then it is cancelled on {@code on} and fails. */
    static <T> Uni<T> withinDeadline(Uni<T> attempt, Duration timeout, ScheduledExecutorService on,
                                     Supplier<RuntimeException> stalled) {
        return attempt.ifNoItem().after(timeout).on(on).failWith(stalled);
    }

    /** A transaction cancelled because it made no progress for the configured time; worth trying again. */
    static final class StalledTransaction extends RuntimeException {
        StalledTransaction(Duration timeout) {
            super("no progress for " + timeout, null, false, false);
        }
    }

    private static boolean hasEventId(EventEnvelope envelope) {
        try {
            UUID.fromString(envelope.getEventId());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Throwable cause) {
        String text = cause.getClass().getName() + ": " + cause.getMessage();
        return text.length() > 2_000 ? text.substring(0, 2_000) : text;
    }

    /**
     * Applies the events in order, each claimed first; one of a blocked aggregate is parked behind instead. The claims
     * of the whole list are one statement ({@link #CLAIM_ALL}), in the same transaction as the effects, so a redelivered
     * event (or one twice in the list) finds its id taken and is skipped: one round trip per batch instead of per event.
     */
    private Uni<Void> applyInOrder(List<EventEnvelope> envelopes, Function<EventEnvelope, Uni<Void>> effect,
                                   Set<String> blocked,
                                   Map<EventEnvelope.PayloadCase, Function<List<EventEnvelope>, Uni<Void>>> runEffects) {
        List<EventEnvelope> open = envelopes.stream().filter(e -> !blocked.contains(e.getAggregateId())).toList();
        return claimAll(open).chain(claimed -> inSequence(steps(envelopes, effect, blocked, claimed, runEffects),
                // Flushing and clearing after each step keeps the persistence context small: otherwise every
                // statement's auto-flush re-checks all entities the batch has touched so far (quadratic).
                step -> step.get().chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)))));
    }

    /**
     * The batch as steps in record order: an event of a blocked aggregate is parked behind; an event already applied
     * (or a second time in the batch) is skipped; a claimed one is applied by its effect, or with the consecutive
     * claimed events of its payload case by that case's run effect.
     */
    private List<Supplier<Uni<Void>>> steps(List<EventEnvelope> envelopes, Function<EventEnvelope, Uni<Void>> effect,
                                            Set<String> blocked, Set<String> claimed,
                                            Map<EventEnvelope.PayloadCase, Function<List<EventEnvelope>, Uni<Void>>> runEffects) {
        List<Supplier<Uni<Void>>> steps = new ArrayList<>();
        List<EventEnvelope> run = new ArrayList<>();
        for (EventEnvelope envelope : envelopes) {
            if (blocked.contains(envelope.getAggregateId())) {
                closeRun(run, runEffects, steps);
                steps.add(() -> parkBehind(envelope));
            } else if (!claimed.remove(canonicalId(envelope))) {
                // remove: an event id twice in one batch is applied the first time only
                skipDuplicate(envelope);
            } else if (runEffects.containsKey(envelope.getPayloadCase())) {
                if (!run.isEmpty() && run.get(0).getPayloadCase() != envelope.getPayloadCase()) {
                    closeRun(run, runEffects, steps);
                }
                run.add(envelope);
            } else {
                closeRun(run, runEffects, steps);
                steps.add(() -> effect.apply(envelope));
            }
        }
        closeRun(run, runEffects, steps);
        return steps;
    }

    /** Adds the run so far (if any) as one step and empties it. */
    private static void closeRun(List<EventEnvelope> run,
                                 Map<EventEnvelope.PayloadCase, Function<List<EventEnvelope>, Uni<Void>>> runEffects,
                                 List<Supplier<Uni<Void>>> steps) {
        if (run.isEmpty()) {
            return;
        }
        List<EventEnvelope> events = List.copyOf(run);
        run.clear();
        Function<List<EventEnvelope>, Uni<Void>> runEffect = runEffects.get(events.get(0).getPayloadCase());
        steps.add(() -> {
            for (EventEnvelope event : events) {
                List<String> problems = EventContract.outOfRange(event);
                if (!problems.isEmpty()) {
                    // the batch then goes one by one, where this event alone fails and is parked
                    return Uni.createFrom().failure(new OutOfRange(event.getPayloadCase() + " out of range: "
                            + String.join("; ", problems)));
                }
            }
            return runEffect.apply(events);
        });
    }

    /**
     * {@code step} for each item, one after the other, in order; the first failure stops it. Stack-safe
     * ({@link InSequence}): a batch of hundreds of steps that complete at once (the backlog redelivered after a Kafka
     * outage: duplicates skipped, events ignored) overflowed the event loop's stack when chained recursively.
     */
    static <T> Uni<Void> inSequence(List<T> items, Function<T, Uni<Void>> step) {
        return InSequence.each(items, step);
    }

    /** Claims the events' ids for this consumer in one statement; the ids that were not taken yet (now claimed). */
    private Uni<Set<String>> claimAll(List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        String ids = String.join(SEPARATOR, envelopes.stream().map(Inbox::canonicalId).toList());
        String types = String.join(SEPARATOR, envelopes.stream().map(e -> e.getPayloadCase().name()).toList());
        String producers = String.join(SEPARATOR, envelopes.stream().map(EventEnvelope::getProducer).toList());
        return Panache.getSession().chain(session -> session.<String>createNativeQuery(CLAIM_ALL, String.class)
                        .setParameter(1, consumer).setParameter(2, ids).setParameter(3, types).setParameter(4, producers)
                        .setParameter(5, SEPARATOR).getResultList())
                .map(HashSet::new);
    }

    /** The event id as PostgreSQL writes a uuid (UUID.fromString also takes upper case and short groups). */
    private static String canonicalId(EventEnvelope envelope) {
        return UUID.fromString(envelope.getEventId()).toString();
    }

    private void skipDuplicate(EventEnvelope envelope) {
        LOG.debugf("%s already processed event %s (%s)", consumer, envelope.getEventId(), envelope.getPayloadCase());
    }
}
