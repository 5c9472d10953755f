package dev.arbiter.bench.common;

import dev.arbiter.deploy.LocalStack;
import dev.arbiter.deploy.LocalStackOptions;
import dev.arbiter.infra.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a benchmark runs against: by default a whole local stack started in-process
 * ({@link LocalStack}) on a fresh temporary data directory with free ports, stopped (and deleted)
 * afterwards; or, with {@code --gateway URL}, a stack that is already running.
 */
public final class StackTarget implements AutoCloseable {

    /** The command-line options this class reads, for the usage text. */
    public static final String OPTIONS = String.join(System.lineSeparator(),
            "  stack (default: start a local stack in-process on a temp data dir, free ports):",
            "    --service-java-opts \"...\"   JVM options of the four services (LocalStack's default: "
                    + String.join(" ", LocalStackOptions.DEFAULT_JAVA_OPTIONS) + ")",
            "    --data-dir DIR              data directory (default: a new temp dir, deleted after a clean run)",
            "    --keep-data                 keep the data directory (logs in DIR/logs)",
            "    --replicas N | SERVICE=N,.. instances of each service, or of the ones named (default 1)",
            "    --kafka-brokers 1|3         one broker, or a three-broker cluster (RF 3, min ISR 2) (default 1)",
            "    --ready-timeout DURATION    how long the services may take to start (300s; more on a loaded machine)",
            "  or target a running stack:",
            "    --gateway URL               marketplace-api, e.g. http://localhost:8080",
            "    --payout-service URL, --task-service URL, --qualification-service URL",
            "    --task-service-management URL   its management interface (/q/metrics), for the heap figures",
            "    --jdbc jdbc:postgresql://localhost:PORT   PostgreSQL server (database names are appended)",
            "    --kafka HOST:PORT           Kafka bootstrap servers",
            "    --admin-email E --admin-password P");

    /** The limits the benchmarks' own stack raises (arbiter.auth.limits.*, AuthLimitsConfig in marketplace-api). */
    static final List<String> BENCH_LIMITS = List.of(
            "-Darbiter.auth.limits.registration-burst=100000", "-Darbiter.auth.limits.registration-per-minute=100000",
            "-Darbiter.auth.limits.login-burst=100000", "-Darbiter.auth.limits.login-per-minute=100000");

    private final LocalStack stack;
    private final BenchOptions options;
    private final Path dataDir;
    private final boolean deleteDataDir;
    private boolean failed;

    private StackTarget(LocalStack stack, BenchOptions options, Path dataDir, boolean deleteDataDir) {
        this.stack = stack;
        this.options = options;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
    }

    /** Starts a local stack, unless {@code --gateway} names a running one. */
    public static StackTarget open(BenchOptions options) throws IOException {
        if (options.has("gateway")) {
            return new StackTarget(null, options, null, false);
        }
        boolean temporary = !options.has("data-dir");
        Path dataDir = temporary ? Files.createTempDirectory("arbiter-bench-")
                : Path.of(options.string("data-dir", null)).toAbsolutePath();
        Files.createDirectories(dataDir.resolve("logs"));
        // Embedded PostgreSQL, the broker and the bench's own Kafka clients log through slf4j-simple.
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs/infra.log").toString());
        // a shared, busy machine can take minutes to start four JVMs: wait for them rather than fail the run
        LocalStackOptions.Builder b = LocalStackOptions.builder().dataDir(dataDir).httpPort(0)
                .readyTimeout(options.duration("ready-timeout", java.time.Duration.ofSeconds(300)));
        if (options.has("replicas")) {
            b.replicas(options.string("replicas", "1"), "--replicas");
        }
        if (options.has("kafka-brokers")) {
            b.kafkaBrokers(options.string("kafka-brokers", "1"), "--kafka-brokers");
        }
        String javaOpts = options.string("service-java-opts", null);
        List<String> serviceOptions = new ArrayList<>(javaOpts != null ? Arrays.asList(javaOpts.trim().split("\\s+"))
                : LocalStackOptions.DEFAULT_JAVA_OPTIONS);
        serviceOptions.addAll(BENCH_LIMITS);
        b.javaOptions(serviceOptions);
        progress("note: this stack raises marketplace-api's sign-in and registration limits per address ("
                + String.join(" ", BENCH_LIMITS) + "): the benchmarks register and sign in up to thousands of accounts "
                + "from this one address, far past what the defaults allow a real one; against --gateway, JsonHttp waits as "
                + "each 429's Retry-After says instead");
        progress("starting the local stack in " + dataDir + " ...");
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(b.build());
        progress(String.format("stack ready in %.1f s (replicas: %s; Kafka brokers: %d); gateway %s; PostgreSQL fsync=%s "
                        + "synchronous_commit=%s (as the local stack runs it: durable; the baselines write to the same server)",
                (System.nanoTime() - started) / 1e9, replicaCounts(stack), stack.kafkaBrokers(), stack.gatewayUrl(),
                stack.postgresSetting("fsync"), stack.postgresSetting("synchronous_commit")));
        return new StackTarget(stack, options, dataDir, temporary && !options.flag("keep-data"));
    }

    private static String replicaCounts(LocalStack stack) {
        List<String> out = new ArrayList<>();
        LocalStack.SERVICE_DATABASES.keySet().forEach(s -> out.add(s + " " + stack.replicas(s)));
        return String.join(", ", out);
    }

    /** No stack at all, for a benchmark that starts what it measures itself. */
    public static StackTarget none(BenchOptions options) {
        return new StackTarget(null, options, null, false);
    }

    /** The stack this run started (for fault injection), or null when it targets a running one. */
    public LocalStack localStack() {
        return stack;
    }

    public boolean isLocal() {
        return stack != null;
    }

    public String gatewayUrl() {
        return stack != null ? stack.gatewayUrl() : strip(options.string("gateway", null));
    }

    /** Base URL of a service by module name ({@code payout-service}, {@code task-service}, ...). */
    public String serviceUrl(String service) {
        if (stack != null) {
            return stack.serviceUrl(service);
        }
        String url = options.string(service, null);
        if (url == null) {
            throw new IllegalArgumentException("With --gateway, also give --" + service + " URL");
        }
        return strip(url);
    }

    /**
     * Base URL of a service's management interface (health, {@code /q/metrics}) of its first replica, or null when it
     * is not known: the local stack gives each replica one on a port of its own; for a running stack,
     * {@code --<service>-management URL}.
     */
    public String managementUrl(String service) {
        if (stack == null) {
            String url = options.string(service + "-management", null);
            return url == null ? null : strip(url);
        }
        return stack.managementUrl(service, 0);
    }

    /**
     * Every replica of a service ({@code --task-service URL1,URL2} against a running stack), for a client that
     * spreads its requests as a load balancer would.
     */
    public List<String> serviceUrls(String service) {
        if (stack != null) {
            return stack.replicaUrls(service);
        }
        return Arrays.stream(serviceUrl(service).split(",")).map(String::trim).map(StackTarget::strip).toList();
    }

    public String jdbcUrl(String database) {
        if (stack != null) {
            return stack.jdbcUrl(database);
        }
        String base = options.string("jdbc", null);
        if (base == null) {
            throw new IllegalArgumentException("With --gateway, also give --jdbc jdbc:postgresql://HOST:PORT");
        }
        return strip(base) + "/" + database;
    }

    /** A new JDBC connection (autocommit) to one service's database. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.string("db-user", LocalPostgres.USERNAME));
        p.setProperty("password", options.string("db-password", LocalPostgres.PASSWORD));
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    public String kafkaBootstrapServers() {
        if (stack != null) {
            return stack.kafkaBootstrapServers();
        }
        String kafka = options.string("kafka", null);
        if (kafka == null) {
            throw new IllegalArgumentException("With --gateway, also give --kafka HOST:PORT");
        }
        return kafka;
    }

    public String adminEmail() {
        return stack != null ? stack.adminEmail() : options.string("admin-email", LocalStackOptions.DEFAULT_ADMIN_EMAIL);
    }

    public String adminPassword() {
        return stack != null ? stack.adminPassword() : options.string("admin-password", null);
    }

    /** Where the services' logs are, when this run started the stack. */
    public Path logDir() {
        return dataDir == null ? null : dataDir.resolve("logs");
    }

    /** Keeps the data directory (and its logs) after a failed run. */
    public void markFailed() {
        failed = true;
    }

    @Override
    public void close() {
        if (stack == null) {
            return;
        }
        stack.close();
        if (deleteDataDir && !failed) {
            deleteQuietly(dataDir);
        } else {
            progress("data and logs kept in " + dataDir);
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            progress("could not delete " + dir + ": " + e.getMessage());
        }
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
