package dev.arbiter.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), running
 * inside this JVM from Kafka's own server jars, listening on {@code localhost}.
 *
 * <p>This is what {@code kafka-storage.sh format} followed by {@code kafka-server-start.sh} does:
 * the log directory is formatted only the first time (when it has no {@code meta.properties}),
 * so {@link #start(Path, int)} keeps topics, offsets and consumer groups across restarts. We
 * run {@link KafkaRaftServer} ourselves rather than {@code KafkaClusterTestKit} because the test
 * kit formats a fresh directory on every start. The controller quorum is static
 * ({@code controller.quorum.voters}), so the ports may change from one start to the next.
 *
 * <p>Settings that matter on a single node: the internal topics (consumer offsets, transaction
 * state, share-group state) need replication factor 1 or consumer groups never form; topics are
 * created on first use with 3 partitions; group rebalances start without delay.
 */
public final class LocalKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final int port;
    private final boolean deleteOnClose;
    private boolean closed;

    private LocalKafka(KafkaRaftServer server, Path logDirectory, int port, boolean deleteOnClose) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a broker on a free port with a temporary log directory, deleted on close. */
    public static LocalKafka startTemporary() {
        try {
            return start(Files.createTempDirectory("arbiter-kafka"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Kafka log directory", e);
        }
    }

    /**
     * Starts a broker whose data lives in {@code logDirectory} (formatted on first use, reused
     * afterwards).
     *
     * @param port the client (PLAINTEXT) port, or 0 for a free one
     */
    public static LocalKafka start(Path logDirectory, int port) {
        return start(logDirectory, port, false);
    }

    private static LocalKafka start(Path logDirectory, int port, boolean deleteOnClose) {
        Path dir = logDirectory.toAbsolutePath().normalize();
        int brokerPort = port > 0 ? port : FreePorts.pick();
        int controllerPort = FreePorts.pick();
        Properties props = serverProperties(dir, brokerPort, controllerPort);
        KafkaRaftServer server = null;
        // Kafka instantiates plug-ins (e.g. the share-group state persister) through the thread's
        // context class loader. Inside a @QuarkusTest that loader is not the one holding the broker
        // classes, and the constructor lookup fails; the broker's own threads inherit this setting.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        try {
            Files.createDirectories(dir);
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNew(config, dir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(server, dir, brokerPort, deleteOnClose);
            kafka.awaitReady();
            return kafka;
        } catch (Exception e) {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            throw new IllegalStateException("Kafka did not start with log directory " + dir
                    + " (is another broker using it?): " + e.getMessage(), e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Shuts the broker down (controlled shutdown), then deletes a temporary log directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDirectory);
        }
    }

    static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        // A single node: every internal topic must accept replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small machines: few threads, a small log-cleaner buffer (the default takes 128 MiB of heap).
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.put("server.max.startup.time.ms", Long.toString(TimeUnit.MINUTES.toMillis(2)));
        return p;
    }

    private static void formatIfNew(KafkaConfig config, Path dir) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dir.toString())
                .setDirectories(List.of(dir.toString()))
                .setHasDynamicQuorum(false)
                .setIgnoreFormatted(false)
                .run();
    }

    private void awaitReady() throws Exception {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "arbiter-local-kafka-probe");
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort for a temporary directory.
        }
    }
}
