package dev.arbiter.payout.pay.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The shapes a timestamptz comes back in from a native query, as an Instant. */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return value instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC) : null;
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
