package dev.arbiter.platform.events;

import dev.arbiter.proto.common.v1.EventEnvelope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * Whether an event about an expert's standing in a domain ({@code ExpertQualified},
 * {@code QualificationRevoked}) may replace what a consumer applied before. qualification-service
 * numbers every change of a standing 1, 2, 3… per expert and domain; a follower keeps the number it
 * applied last and takes only a greater one, so a stale or redelivered event (another event id, an
 * older number) never overwrites a newer tier or brings back a revoked one.
 *
 * <p>Events written before versions existed carry 0. They are applied in arrival order (as they always
 * were) only while the follower has applied nothing versioned: once a version is held, a 0 is older.
 */
public final class StandingVersion {

    /** What a follower holds when it has applied only unversioned events. */
    public static final long UNVERSIONED = 0;

    /** The one service that decides standings: nobody else's word on a tier counts. */
    public static final String OWNER = "qualification-service";

    private static final Logger LOG = Logger.getLogger(StandingVersion.class);

    private StandingVersion() {
    }

    /**
     * @param incoming the event's version
     * @param applied  the version the follower applied last for the expert and domain, or null when it
     *                 holds nothing for them yet
     */
    public static boolean supersedes(long incoming, Long applied) {
        if (applied == null) {
            return true;
        }
        if (incoming == UNVERSIONED) {
            return applied == UNVERSIONED;
        }
        return incoming > applied;
    }

    /**
     * Of a run of standing events, per key (expert and domain) the one that applying them all in turn would leave
     * applied, in the order of each key's first event: the only one a set-based upsert then needs to offer, under the
     * same rule ({@link #supersedes}) against what the follower holds. Applying the winner to any held version leaves
     * what applying every event in turn would (StandingVersionTest checks it against the sequential rule).
     */
    public static <T, K> Collection<T> latest(List<T> events, Function<T, K> key, ToLongFunction<T> version) {
        Map<K, T> winners = new LinkedHashMap<>();
        for (T event : events) {
            T held = winners.get(key.apply(event));
            if (held == null || supersedes(version.applyAsLong(event), version.applyAsLong(held))) {
                winners.put(key.apply(event), event);
            }
        }
        return winners.values();
    }

    /** Whether a standing event comes from its owner; one that does not is logged and must be skipped. */
    public static boolean fromOwner(EventEnvelope envelope) {
        if (OWNER.equals(envelope.getProducer())) {
            return true;
        }
        LOG.warnf("Refused %s %s from producer '%s': only %s decides standings", envelope.getPayloadCase(),
                envelope.getEventId(), envelope.getProducer(), OWNER);
        return false;
    }
}
