package dev.arbiter.testsupport;

import dev.arbiter.infra.JwtKeys;
import dev.arbiter.infra.LocalKafka;
import dev.arbiter.infra.LocalPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The infrastructure shared by every test of one JVM: one PostgreSQL, one Kafka broker and one
 * JWT key pair, each started on first use and stopped by a shutdown hook.
 *
 * <p>Why the coordinates live in system properties: Quarkus may load this class in more than one
 * class loader during a test run (one per application restart), and static fields are per class
 * loader. System properties are per JVM, so every copy of this class finds the servers the first
 * copy started instead of starting its own.
 */
public final class TestInfra {

    private static final String PREFIX = "dev.arbiter.test-infra.";
    private static final String POSTGRES_PORT = PREFIX + "postgres-port";
    private static final String KAFKA_BOOTSTRAP = PREFIX + "kafka-bootstrap-servers";
    private static final String JWT_DIR = PREFIX + "jwt-dir";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private TestInfra() {
    }

    /** Port of the shared PostgreSQL server (started if needed). */
    public static int postgresPort() {
        return Integer.parseInt(sharedValue(POSTGRES_PORT, () -> {
            LocalPostgres postgres = LocalPostgres.startTemporary();
            onShutdown("postgres", postgres);
            return Integer.toString(postgres.port());
        }));
    }

    /** {@code localhost:PORT} of the shared Kafka broker (started if needed). */
    public static String kafkaBootstrapServers() {
        return sharedValue(KAFKA_BOOTSTRAP, () -> {
            LocalKafka kafka = LocalKafka.startTemporary();
            onShutdown("kafka", kafka);
            return kafka.bootstrapServers();
        });
    }

    /** The shared test key pair (created if needed); {@link TestJwt} signs with it. */
    public static JwtKeys jwtKeys() {
        String dir = sharedValue(JWT_DIR, () -> {
            try {
                Path tmp = Files.createTempDirectory("arbiter-test-jwt");
                tmp.toFile().deleteOnExit();
                JwtKeys keys = JwtKeys.ensure(tmp);
                keys.privateKeyPath().toFile().deleteOnExit();
                keys.publicKeyPath().toFile().deleteOnExit();
                return tmp.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return JwtKeys.ensure(Path.of(dir));
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://localhost:" + postgresPort() + "/" + database;
    }

    public static String username() {
        return LocalPostgres.USERNAME;
    }

    public static String password() {
        return LocalPostgres.PASSWORD;
    }

    /** Drops {@code database} if it exists (disconnecting its clients) and creates it empty. */
    public static void recreateDatabase(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(jdbcUrl("postgres"));
        admin.setUser(username());
        admin.setPassword(password());
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate test database " + database, e);
        }
    }

    private interface Starter {
        String start();
    }

    private static String sharedValue(String key, Starter starter) {
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String value = jvmWide.getProperty(key);
            if (value == null) {
                value = starter.start();
                jvmWide.setProperty(key, value);
            }
            return value;
        }
    }

    private static void onShutdown(String name, AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Test " + name + " did not stop cleanly: " + e);
            }
        }, "arbiter-test-" + name + "-stop"));
    }
}
