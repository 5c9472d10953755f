package dev.arbiter.payout.batch.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The Java values a native query hands back, read as the domain needs them (the driver's types vary by column). */
final class SqlValues {

    private SqlValues() {
    }

    static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String text(Object value) {
        return value == null ? null : value.toString().trim();
    }

    static LocalDate date(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(value.toString());
    }

    static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }
}
