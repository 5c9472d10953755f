package dev.arbiter.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepDataAcrossRestartsOnTheSameDirectory() throws SQLException {
        try (LocalPostgres pg = LocalPostgres.start(dataDir.resolve("pg"), 0)) {
            pg.ensureDatabase("ledger");
            pg.ensureDatabase("ledger");
            try (Connection c = pg.connect("ledger"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE entry (id int PRIMARY KEY, amount_minor bigint)");
                s.execute("INSERT INTO entry VALUES (1, 12500)");
            }
        }
        try (LocalPostgres pg = LocalPostgres.start(dataDir.resolve("pg"), 0)) {
            pg.ensureDatabase("ledger");
            try (Connection c = pg.connect("ledger"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT amount_minor FROM entry WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(12500, rs.getLong(1));
            }
            assertTrue(pg.jdbcUrl("ledger").startsWith("jdbc:postgresql://localhost:" + pg.port() + "/"));
            assertEquals("postgresql://localhost:" + pg.port() + "/ledger", pg.reactiveUrl("ledger"));
        }
    }

    @Test
    void shouldRecreateAnEmptyDatabaseEvenWhileClientsAreConnected() throws SQLException {
        try (LocalPostgres pg = LocalPostgres.startTemporary()) {
            pg.ensureDatabase("tasks");
            try (Connection held = pg.connect("tasks"); Statement s = held.createStatement()) {
                s.execute("CREATE TABLE job (id int)");
                pg.recreateDatabase("tasks");
            }
            try (Connection c = pg.connect("tasks"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'job'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void shouldSyncCommitsToDiskOnlyOnTheDurableServer() {
        try (LocalPostgres pg = LocalPostgres.startDurable(dataDir.resolve("durable"), 0, dataDir.resolve("pg.log"))) {
            assertEquals("on", pg.setting("fsync"));
            assertEquals("on", pg.setting("synchronous_commit"));
        }
        try (LocalPostgres pg = LocalPostgres.startTemporary()) {
            assertEquals("off", pg.setting("fsync"), "tests keep throw-away data fast");
            assertEquals("off", pg.setting("synchronous_commit"));
        }
    }
}
