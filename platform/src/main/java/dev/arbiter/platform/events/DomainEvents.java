package dev.arbiter.platform.events;

import dev.arbiter.proto.common.v1.EventEnvelope;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code DomainAdded}: the catalog of domains belongs to marketplace-api, and a follower takes an addition
 * only from it, and only with a key of the catalog's shape.
 */
public final class DomainEvents {

    /** The one service that keeps the catalog of domains. */
    public static final String OWNER = "marketplace-api";

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Logger LOG = Logger.getLogger(DomainEvents.class);

    private DomainEvents() {
    }

    /** Whether the {@code DomainAdded} event may be applied; one that may not is logged and must be skipped. */
    public static boolean fromOwner(EventEnvelope envelope) {
        if (!OWNER.equals(envelope.getProducer())) {
            LOG.warnf("Refused %s %s from producer '%s': only %s keeps the catalog of domains", envelope.getPayloadCase(),
                    envelope.getEventId(), envelope.getProducer(), OWNER);
            return false;
        }
        String key = envelope.getDomainAdded().getKey();
        String name = envelope.getDomainAdded().getName();
        if (!KEY.matcher(key).matches() || name.isBlank() || name.length() > 100) {
            LOG.warnf("Refused DomainAdded %s: key '%s' or name of %d characters out of bounds", envelope.getEventId(),
                    key, name.length());
            return false;
        }
        return true;
    }
}
