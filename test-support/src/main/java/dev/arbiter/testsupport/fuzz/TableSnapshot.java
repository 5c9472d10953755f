package dev.arbiter.testsupport.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What every table of a service's database holds, as a row count and an order-independent checksum of its
 * rows, so that an inserted, updated or deleted row shows as a difference. Tables written by the platform's
 * own background work are compared by count only ({@code countOnly}): the outbox relay marks rows published,
 * which is not a request's doing.
 */
public final class TableSnapshot {

    /** Flyway's bookkeeping; never compared. */
    public static final Set<String> IGNORED = Set.of("flyway_schema_history");
    /** Rows the outbox relay updates after commit (published_at): a new row is a write, a marked one is not. */
    public static final Set<String> COUNT_ONLY = Set.of("outbox_message");

    private final Map<String, String> tables;

    private TableSnapshot(Map<String, String> tables) {
        this.tables = tables;
    }

    /** Reads every table of the current schema but {@code ignored} (and {@link #IGNORED}). */
    public static TableSnapshot take(DataSource dataSource, Set<String> ignored) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (IGNORED.contains(name) || ignored.contains(name)) {
                    continue;
                }
                String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
                String sql = COUNT_ONLY.contains(name)
                        ? "select count(*), 0 from " + quoted
                        : "select count(*), coalesce(sum(hashtext(t::text)::bigint), 0) from " + quoted + " t";
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    tables.put(name, rs.getLong(1) + " rows, checksum " + rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tables: " + e.getMessage(), e);
        }
        return new TableSnapshot(tables);
    }

    /** The tables whose content differs, each with both states; empty when nothing was written. */
    public List<String> differencesFrom(TableSnapshot before) {
        List<String> out = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(before.tables.keySet());
        names.addAll(tables.keySet());
        for (String name : names) {
            String was = before.tables.get(name);
            String is = tables.get(name);
            if (!Objects.equals(was, is)) {
                out.add(name + ": before " + was + ", after " + is);
            }
        }
        return out;
    }

    public int tableCount() {
        return tables.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSnapshot other && other.tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode();
    }

    @Override
    public String toString() {
        return tables.toString();
    }
}
