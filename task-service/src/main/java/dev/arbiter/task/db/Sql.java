package dev.arbiter.task.db;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Small pieces of SQL text. States are written into statements as literals rendered from their enums
 * (never typed by hand), so that PostgreSQL can match partial indexes such as {@code item_slot_open}
 * at plan time, which a bound parameter would prevent.
 */
public final class Sql {

    private Sql() {
    }

    /** {@code 'OPEN'} */
    public static String is(Enum<?> value) {
        return "'" + value.name() + "'";
    }

    /** {@code ('LEASED', 'SUBMITTED')} */
    public static String in(Enum<?>... values) {
        return Arrays.stream(values).map(Sql::is).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code ('CLOSED', 'VERIFIED')} */
    public static String in(java.util.Collection<? extends Enum<?>> values) {
        return in(values.toArray(Enum<?>[]::new));
    }

    public static String[] names(Enum<?>... values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    public static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public static Timestamp timestamp(OffsetDateTime t) {
        return timestamp(t.toInstant());
    }
}
