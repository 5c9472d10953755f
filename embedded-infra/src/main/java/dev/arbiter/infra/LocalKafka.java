package dev.arbiter.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache Kafka in KRaft mode, running inside this JVM from Kafka's own server jars, listening on
 * {@code localhost}: one node by default, or a cluster of three ({@link #startCluster}), each node a broker
 * and a controller of its own, with its own ports and log directory.
 *
 * <p>This is what {@code kafka-storage.sh format} followed by {@code kafka-server-start.sh} does:
 * a log directory is formatted only the first time (when it has no {@code meta.properties}),
 * so a restart keeps topics, offsets and consumer groups. We run {@link KafkaRaftServer} ourselves
 * rather than {@code KafkaClusterTestKit} because the test kit formats a fresh directory on every
 * start. The controller quorum is static ({@code controller.quorum.voters}), so the ports may change
 * from one start of the whole cluster to the next; within one {@code LocalKafka} a node stopped with
 * {@link #stopBroker} comes back on the same ports and directory.
 *
 * <p>One node: the internal topics (consumer offsets, transaction state, share-group state) need
 * replication factor 1 or consumer groups never form. Three nodes: every topic, internal ones included,
 * has replication factor 3 and {@code min.insync.replicas=2}, so a producer with {@code acks=all} goes on
 * while any one node is down. Either way topics are created on first use with 3 partitions and group
 * rebalances start without delay.
 */
public final class LocalKafka implements AutoCloseable {

    /** The cluster sizes this class runs. */
    public static final Set<Integer> SIZES = Set.of(1, 3);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final String NODE_DIRECTORY = "node-";

    /** One broker + controller: its id, ports and log directory stay the same across its stops and starts. */
    private static final class BrokerNode {
        final int nodeId;
        final Path dir;
        final int brokerPort;
        final int controllerPort;
        KafkaRaftServer server;

        BrokerNode(int nodeId, Path dir, int brokerPort, int controllerPort) {
            this.nodeId = nodeId;
            this.dir = dir;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
        }
    }

    private final List<BrokerNode> nodes;
    private final Path logDirectory;
    private final boolean deleteOnClose;
    private final String clusterId;
    private boolean closed;

    private LocalKafka(List<BrokerNode> nodes, Path logDirectory, boolean deleteOnClose, String clusterId) {
        this.nodes = List.copyOf(nodes);
        this.logDirectory = logDirectory;
        this.deleteOnClose = deleteOnClose;
        this.clusterId = clusterId;
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

    /**
     * Starts {@code brokers} nodes (1 or 3) whose data lives under {@code logDirectory}, on free ports. One
     * node is {@link #start(Path, int)}; three nodes keep their logs in {@code node-1/}, {@code node-2/},
     * {@code node-3/}, share one cluster id and form the controller quorum together. A directory holds one
     * kind or the other: starting the other kind on it is refused with a message saying so.
     */
    public static LocalKafka startCluster(Path logDirectory, int brokers) {
        if (!SIZES.contains(brokers)) {
            throw new IllegalArgumentException("A local Kafka has 1 or 3 brokers, not " + brokers);
        }
        if (brokers == 1) {
            return start(logDirectory, 0);
        }
        Path root = logDirectory.toAbsolutePath().normalize();
        if (Files.exists(root.resolve("meta.properties"))) {
            throw new IllegalStateException(root + " holds a single-broker Kafka; a three-broker cluster needs a data "
                    + "directory of its own (use another data directory, or delete " + root + " to start afresh)");
        }
        List<BrokerNode> nodes = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            nodes.add(new BrokerNode(id, root.resolve(NODE_DIRECTORY + id), FreePorts.pick(), FreePorts.pick()));
        }
        String clusterId = nodes.stream().map(n -> readClusterId(n.dir)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
        LocalKafka kafka = new LocalKafka(nodes, root, false, clusterId);
        try {
            kafka.startAll();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static LocalKafka start(Path logDirectory, int port, boolean deleteOnClose) {
        Path dir = logDirectory.toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve(NODE_DIRECTORY + 1))) {
            throw new IllegalStateException(dir + " holds a three-broker Kafka cluster; start it with three brokers, "
                    + "or use another data directory for a single broker");
        }
        BrokerNode node = new BrokerNode(1, dir, port > 0 ? port : FreePorts.pick(), FreePorts.pick());
        LocalKafka kafka = new LocalKafka(List.of(node), dir, deleteOnClose,
                readClusterId(dir).orElseGet(() -> Uuid.randomUuid().toString()));
        kafka.startBroker(0);
        return kafka;
    }

    /** {@code localhost:PORT} of every node, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "localhost:" + n.brokerPort).collect(Collectors.joining(","));
    }

    /** The first node's client port. */
    public int port() {
        return nodes.get(0).brokerPort;
    }

    /** How many nodes this Kafka has (running or not). */
    public int brokers() {
        return nodes.size();
    }

    /** The client port of node {@code index} (0 to {@link #brokers()} - 1; its node id is {@code index + 1}). */
    public int brokerPort(int index) {
        return node(index).brokerPort;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Whether node {@code index} runs. */
    public boolean isRunning(int index) {
        BrokerNode node = node(index);
        synchronized (node) {
            return node.server != null;
        }
    }

    /**
     * Shuts node {@code index} down (controlled shutdown: its partitions' leadership moves to the others
     * first) and returns once it has stopped. Its data stays for {@link #startBroker}.
     */
    public void stopBroker(int index) {
        BrokerNode node = node(index);
        synchronized (node) {
            if (node.server != null) {
                node.server.shutdown();
                node.server.awaitShutdown();
                node.server = null;
            }
        }
    }

    /**
     * Starts node {@code index} again on its ports and log directory, and returns once the cluster lists it
     * as a live broker. Does nothing while it runs. On a cluster, a majority of the controllers must be up.
     */
    public void startBroker(int index) {
        BrokerNode node = node(index);
        synchronized (node) {
            if (isClosed()) {
                throw new IllegalStateException("This Kafka was closed");
            }
            if (node.server != null) {
                return;
            }
            node.server = startServer(node);
        }
        awaitListed(node);
    }

    /** Stops every node, all at once: one stopped after the quorum is gone would wait for a controller that is not there. */
    public void stopAll() {
        onEveryNode(this::stopBroker);
    }

    /**
     * Starts every stopped node, all at once (a node's start waits for the controller quorum, which needs a
     * majority of them), and returns once each is listed as a live broker.
     */
    public void startAll() {
        onEveryNode(this::startBroker);
    }

    /** Runs {@code action} on every node index at once, each on a thread of its own, and waits for all. */
    private void onEveryNode(IntConsumer action) {
        if (nodes.size() == 1) {
            action.accept(0);
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, "local-kafka-node");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                int index = i;
                done.add(threads.submit(() -> action.accept(index)));
            }
            RuntimeException first = null;
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting or stopping Kafka", e);
        } finally {
            threads.shutdown();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Shuts every node down, then deletes a temporary log directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopAll();
        if (deleteOnClose) {
            deleteRecursively(logDirectory);
        }
    }

    private BrokerNode node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("No Kafka broker " + index + ": this Kafka has brokers 0 to " + (nodes.size() - 1));
        }
        return nodes.get(index);
    }

    private KafkaRaftServer startServer(BrokerNode node) {
        Properties props = serverProperties(node, nodes);
        KafkaRaftServer server = null;
        // Kafka instantiates plug-ins (e.g. the share-group state persister) through the thread's
        // context class loader. Inside a @QuarkusTest that loader is not the one holding the broker
        // classes, and the constructor lookup fails; the broker's own threads inherit this setting.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        try {
            Files.createDirectories(node.dir);
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNew(node, clusterId);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return server;
        } catch (Exception e) {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            throw new IllegalStateException("Kafka did not start with log directory " + node.dir
                    + " (is another broker using it?): " + e.getMessage(), e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    static Properties serverProperties(BrokerNode node, List<BrokerNode> cluster) {
        boolean single = cluster.size() == 1;
        String replication = single ? "1" : "3";
        String minInSync = single ? "1" : "2";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.nodeId));
        p.put("controller.quorum.voters", cluster.stream().map(n -> n.nodeId + "@localhost:" + n.controllerPort)
                .collect(Collectors.joining(",")));
        p.put("listeners", "PLAINTEXT://localhost:" + node.brokerPort + "," + CONTROLLER_LISTENER + "://localhost:" + node.controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + node.brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", node.dir.toString());
        p.put("metadata.log.dir", node.dir.toString());
        // Every internal topic is replicated as widely as the cluster allows (a single node: factor 1).
        p.put("offsets.topic.replication.factor", replication);
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", replication);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", replication);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("default.replication.factor", replication);
        p.put("min.insync.replicas", minInSync);
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

    private static void formatIfNew(BrokerNode node, String clusterId) throws Exception {
        if (Files.exists(node.dir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(node.nodeId)
                .setClusterId(clusterId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(node.dir.toString())
                .setDirectories(List.of(node.dir.toString()))
                .setHasDynamicQuorum(false)
                .setIgnoreFormatted(false)
                .run();
    }

    /** The cluster id a formatted log directory carries in its {@code meta.properties}. */
    private static Optional<String> readClusterId(Path dir) {
        Path meta = dir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(Files.newBufferedReader(meta, StandardCharsets.ISO_8859_1));
            return Optional.ofNullable(p.getProperty("cluster.id"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Bounded wait until the cluster (asked through this node) lists the node as a live broker. */
    private void awaitListed(BrokerNode node) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + node.brokerPort,
                AdminClientConfig.CLIENT_ID_CONFIG, "arbiter-local-kafka-probe");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id)
                            .anyMatch(id -> id == node.nodeId)) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not answering yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker " + node.nodeId + " (port " + node.brokerPort
                            + ") was not listed as live within " + READY_TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka broker " + node.nodeId, e);
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
