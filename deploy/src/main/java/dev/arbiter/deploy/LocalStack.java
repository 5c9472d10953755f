package dev.arbiter.deploy;

import dev.arbiter.infra.JwtKeys;
import dev.arbiter.infra.LocalKafka;
import dev.arbiter.infra.LocalPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole platform on one machine, in one command: a real PostgreSQL and a real Kafka broker
 * (embedded, data kept in {@code ARBITER_DATA_DIR}), the JWT keys, the model simulator, and the
 * four services as child JVMs ({@code <module>/target/quarkus-app/quarkus-run.jar}), each on
 * its own port with marketplace-api (the gateway) on {@code ARBITER_HTTP_PORT}.
 *
 * <p>From the repository root: {@code mvn -B -q -DskipTests install && java -jar deploy/target/arbiter-local.jar}
 * ({@code --infra-only} starts PostgreSQL, Kafka, the keys and the simulator only). From code:
 * {@code try (LocalStack stack = LocalStack.start(options)) { ... stack.gatewayUrl() ... }}.
 *
 * <p>To rehearse scale, {@code --replicas} starts several instances of every service (or of one), each on
 * ports of its own, sharing the service's database and consumer group; the gateway takes turns among
 * them, and several marketplace-api replicas sit behind a {@link ConnectionBalancer} on the public port.
 * {@code --kafka-brokers 3} runs a three-broker KRaft cluster (replication factor 3, min ISR 2). The
 * handle can kill and start replicas, brokers and PostgreSQL for fault tests.
 *
 * <p>Stopping (Ctrl-C, or {@link #close()}) stops the services (SIGTERM, then a kill after a
 * grace period), the simulator, Kafka, then PostgreSQL. A later start on the same data directory
 * finds every database, topic, key and the admin password as they were.
 */
public final class LocalStack implements AutoCloseable {

    public static final String MARKETPLACE_API = "marketplace-api";
    public static final String QUALIFICATION_SERVICE = "qualification-service";
    public static final String TASK_SERVICE = "task-service";
    public static final String PAYOUT_SERVICE = "payout-service";
    public static final String MODEL_SIMULATOR = "model-simulator";
    /** The services and the database each one owns. */
    public static final Map<String, String> SERVICE_DATABASES = orderedMap(
            MARKETPLACE_API, "marketplace",
            QUALIFICATION_SERVICE, "qualification",
            TASK_SERVICE, "tasks",
            PAYOUT_SERVICE, "payouts");
    public static final String ISSUER = "https://arbiter.local";
    static final String BUILD_HINT = "mvn -B -q -DskipTests install";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** How long {@code --stop} waits for the launcher to stop everything before killing it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);
    static final String STOP_HINT = "java -jar deploy/target/arbiter-local.jar --stop";
    private static final Duration SIMULATOR_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;

    private final LocalStackOptions options;
    private final Path repoRoot;
    private final Path dataDir;
    /** Every service's replicas, replica 0 first (its log and run-file name is the service's own). */
    private final Map<String, List<ChildProcess>> services = new LinkedHashMap<>();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Thread shutdownHook;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private JwtKeys keys;
    private String adminPassword;
    private Path simulatorKnowledge;
    private ChildProcess simulator;
    private volatile boolean closing;
    private final RunDirectory run;
    private boolean ownsRunDirectory;
    private Process watchdog;
    /** The public port when marketplace-api runs as several replicas: spreads connections across them. */
    private ConnectionBalancer gatewayBalancer;
    private int gatewayPort;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
        this.repoRoot = options.repoRoot() != null ? options.repoRoot().toAbsolutePath().normalize() : detectRepoRoot();
        this.dataDir = options.dataDir();
        this.run = new RunDirectory(dataDir);
        this.shutdownHook = new Thread(this::close, "arbiter-local-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts everything and returns once every service answers {@code /q/health/ready}.
     *
     * @throws LocalStackException with a console-ready explanation (missing build, port in use, a
     *                             service that died or timed out, with the tail of its log); anything
     *                             already started is stopped again
     */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public static void main(String[] args) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            System.out.println(usage());
            return;
        }
        LocalStackOptions options;
        boolean stop = List.of(args).contains("--stop");
        try {
            options = withArguments(LocalStackOptions.fromEnvironment(System.getenv()), args).build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + System.lineSeparator() + usage());
            System.exit(2);
            return;
        }
        if (stop) {
            System.exit(stopRunning(options.dataDir()));
            return;
        }
        routeInfrastructureLogs(options.dataDir().resolve("logs").resolve("infra.log"));

        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("Arbiter did not start: " + e.getMessage());
            stack.close();
            System.exit(1);
        }
        System.out.println(stack.banner());
        String failure = stack.awaitUnexpectedExit();
        if (failure != null && !stack.closing) {
            System.err.println(failure);
            stack.close();
            System.exit(1);
        }
    }

    /**
     * The command line over the environment's options: {@code --infra-only}, {@code --stop} (read by
     * {@link #main}), {@code --replicas N} or {@code --replicas service=N} (repeatable, applied in order, after
     * {@code ARBITER_REPLICAS}), {@code --kafka-brokers 1|3}; also written {@code --replicas=N}.
     *
     * @throws IllegalArgumentException naming the argument that is unknown or has a bad value
     */
    static LocalStackOptions.Builder withArguments(LocalStackOptions.Builder options, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (name) {
                case "--infra-only" -> options.infraOnly(true);
                case "--stop" -> {
                    // read by main
                }
                case "--replicas", "--kafka-brokers" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(name + " needs a value (e.g. " + name
                                    + (name.equals("--replicas") ? " 2, or --replicas task-service=2)" : " 3)"));
                        }
                        value = args[++i];
                    }
                    if (name.equals("--replicas")) {
                        options.replicas(value, "--replicas");
                    } else {
                        options.kafkaBrokers(value, "--kafka-brokers");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return options;
    }

    // ---------------------------------------------------------------- the handle

    /**
     * The public address, {@code http://localhost:PORT} on {@code ARBITER_HTTP_PORT}: marketplace-api (web UI
     * and gateway) itself, or, when it runs as several replicas, the launcher's connection balancer in front
     * of them.
     */
    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** {@code http://localhost:PORT} of a service named in {@link #SERVICE_DATABASES} (its replica 0). */
    public String serviceUrl(String service) {
        return replica(service, 0).baseUrl();
    }

    /** {@code http://localhost:PORT} of each replica of a service, replica 0 first. */
    public List<String> replicaUrls(String service) {
        return replicasOf(service).stream().map(ChildProcess::baseUrl).toList();
    }

    /** {@code http://localhost:PORT} of one replica's management interface ({@code /q/health}, {@code /q/metrics}). */
    public String managementUrl(String service, int replica) {
        URI health = replica(service, replica).healthUri();
        return health.getScheme() + "://" + health.getHost() + ":" + health.getPort();
    }

    /** How many replicas of a service this stack runs (those killed and not started again included). */
    public int replicas(String service) {
        return replicasOf(service).size();
    }

    /** How many Kafka brokers this stack runs: 1 or 3. */
    public int kafkaBrokers() {
        return kafka.brokers();
    }

    /**
     * Kills one service with SIGKILL — what a crash does: no shutdown hook, no graceful drain, its
     * uncommitted transactions and unacknowledged Kafka offsets lost — then starts it again on the same
     * port, database and consumer group, and returns once it is ready. For fault tests and benchmarks.
     * With several replicas, this is replica 0.
     */
    public void killAndRestart(String service, Duration readyTimeout) {
        killReplica(service, 0);
        progress("  " + service + " killed (SIGKILL); starting it again...");
        startReplica(service, 0, readyTimeout);
    }

    /**
     * Kills one replica with SIGKILL (no shutdown hook, no drain) and returns once the process is gone. The
     * others go on; the gateway and the connection balancer skip it. {@link #startReplica} brings it back.
     */
    public void killReplica(String service, int replica) {
        replica(service, replica).kill();
    }

    /**
     * Starts a replica that is not running (killed, or exited) again on its ports, database and consumer
     * group, and returns once it is ready.
     *
     * @throws IllegalStateException when it still runs
     * @throws LocalStackException   when it exits or is not ready within {@code readyTimeout}
     */
    public void startReplica(String service, int replica, Duration readyTimeout) {
        ChildProcess child = replica(service, replica);
        synchronized (child) {
            if (child.isAlive()) {
                throw new IllegalStateException(child.name() + " is running; kill it first (killReplica)");
            }
            child.start(dataDir);
            run.recordChild(child.name(), child.handle());
        }
        awaitReady(List.of(child), readyTimeout);
    }

    /**
     * Stops one Kafka broker (0 to {@link #kafkaBrokers()} - 1; a controlled shutdown) and returns once it has
     * stopped. With three brokers the others take over its partitions and writes go on (min.insync.replicas 2).
     */
    public void stopKafkaBroker(int broker) {
        kafka.stopBroker(broker);
    }

    /** Starts a stopped broker again on its port and log directory; returns once the cluster lists it. */
    public void startKafkaBroker(int broker) {
        kafka.startBroker(broker);
    }

    /** Stops every Kafka broker (the services keep running and retry). */
    public void stopKafka() {
        kafka.stopAll();
    }

    /** Starts every stopped Kafka broker again, on the same ports and log directories. */
    public void startKafka() {
        kafka.startAll();
    }

    /**
     * Stops PostgreSQL (fast shutdown: open connections are cut) and starts it again on the same port and
     * data directory; returns once it accepts connections. The services reconnect on their own.
     */
    public void restartPostgres() {
        int port = postgres.port();
        postgres.close();
        postgres = LocalPostgres.startDurable(dataDir.resolve("postgres"), port, dataDir.resolve("logs").resolve("postgres.log"));
    }

    private List<ChildProcess> replicasOf(String service) {
        List<ChildProcess> replicas = services.get(service);
        if (replicas == null) {
            throw new IllegalArgumentException("No running service named " + service + " (known: " + services.keySet() + ")");
        }
        return replicas;
    }

    private ChildProcess replica(String service, int replica) {
        List<ChildProcess> replicas = replicasOf(service);
        if (replica < 0 || replica >= replicas.size()) {
            throw new IllegalArgumentException(service + " has no replica " + replica + " (it runs replicas 0 to "
                    + (replicas.size() - 1) + ")");
        }
        return replicas.get(replica);
    }

    /** The simulator's OpenAI-compatible base URL ({@code .../v1}), or null when it was skipped. */
    public String simulatorUrl() {
        return simulator == null ? null : simulator.baseUrl() + "/v1";
    }

    public String adminEmail() {
        return options.adminEmail();
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** A setting of the stack's PostgreSQL ({@code SHOW name}). */
    public String postgresSetting(String name) {
        return postgres.setting(name);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops services, simulator, Kafka and PostgreSQL, in that order. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            if (gatewayBalancer != null) {
                gatewayBalancer.close();
            }
            if (!services.isEmpty()) {
                progress("Stopping services...");
                stopAll(allReplicas());
            }
            if (simulator != null) {
                progress("Stopping the model simulator...");
                stopAll(List.of(simulator));
            }
            if (kafka != null) {
                progress("Stopping Kafka...");
                runQuietly(kafka::close, "Kafka");
            }
            if (postgres != null) {
                progress("Stopping PostgreSQL...");
                runQuietly(postgres::close, "PostgreSQL");
            }
            if (postgres != null) {
                progress("Stopped. Data kept in " + dataDir);
            }
            if (ownsRunDirectory) {
                runQuietly(run::clear, "the run files");
            }
            if (watchdog != null) {
                watchdog.destroy();
            }
        } finally {
            closedLatch.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // close() runs from the hook itself.
            }
        }
    }

    // ---------------------------------------------------------------- start-up

    private void startAll() {
        Map<String, Path> jars = new LinkedHashMap<>();
        if (!options.infraOnly()) {
            List<Path> missing = missingServiceJars(repoRoot);
            if (!missing.isEmpty()) {
                throw new LocalStackException("service jar(s) missing: "
                        + missing.stream().map(p -> repoRoot.relativize(p).toString()).toList() + System.lineSeparator()
                        + "  Build first, from the repository root (" + repoRoot + "):  " + BUILD_HINT
                        + System.lineSeparator()
                        + "  (or start only PostgreSQL, Kafka and the simulator with --infra-only)");
            }
            SERVICE_DATABASES.keySet().forEach(s -> jars.put(s, serviceJar(repoRoot, s)));
        }
        takeOverRunDirectory();
        gatewayPort = options.httpPort() == 0 ? dev.arbiter.infra.FreePorts.pick() : requireFree(options.httpPort());
        createDirectories(dataDir.resolve("logs"));

        progress("Starting PostgreSQL (data in " + dataDir.resolve("postgres") + ")...");
        postgres = LocalPostgres.startDurable(dataDir.resolve("postgres"), 0, dataDir.resolve("logs").resolve("postgres.log"));
        SERVICE_DATABASES.values().forEach(postgres::ensureDatabase);
        progress("Starting Kafka" + (options.kafkaBrokers() > 1 ? ", " + options.kafkaBrokers() + " brokers" : "")
                + " (data in " + dataDir.resolve("kafka") + ")...");
        try {
            kafka = LocalKafka.startCluster(dataDir.resolve("kafka"), options.kafkaBrokers());
        } catch (IllegalStateException e) {
            throw new LocalStackException(e.getMessage());
        }
        keys = JwtKeys.ensure(dataDir.resolve("keys"));
        adminPassword = AdminCredentials.resolvePassword(options.adminPassword(), dataDir);

        startSimulator();
        if (options.infraOnly()) {
            return;
        }
        // Each replica has ports of its own; a single marketplace-api listens on the public port itself, several
        // sit behind the launcher's connection balancer there.
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        for (String service : SERVICE_DATABASES.keySet()) {
            int count = options.replicas(service);
            List<Integer> own = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                own.add(MARKETPLACE_API.equals(service) && count == 1 ? gatewayPort : dev.arbiter.infra.FreePorts.pick());
            }
            ports.put(service, List.copyOf(own));
        }
        for (String service : SERVICE_DATABASES.keySet()) {
            List<ChildProcess> replicas = new ArrayList<>();
            for (int r = 0; r < ports.get(service).size(); r++) {
                // health and metrics are off the public port: each replica has a management port of its own
                int managementPort = dev.arbiter.infra.FreePorts.pick();
                Map<String, String> environment = new LinkedHashMap<>(serviceEnvironment(service, ports.get(service).get(r), ports));
                environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
                String name = replicaName(service, r);
                replicas.add(new ChildProcess(name, ports.get(service).get(r), javaCommand(jars.get(service)),
                        environment, dataDir.resolve("logs").resolve(name + ".log"),
                        "http://localhost:" + managementPort + "/q/health/ready"));
            }
            services.put(service, List.copyOf(replicas));
        }
        progress("Starting " + allReplicas().stream().map(ChildProcess::name).collect(Collectors.joining(", "))
                + " (logs in " + dataDir.resolve("logs") + ")...");
        allReplicas().forEach(c -> {
            c.start(dataDir);
            run.recordChild(c.name(), c.handle());
        });
        if (ports.get(MARKETPLACE_API).size() > 1) {
            gatewayBalancer = ConnectionBalancer.start(gatewayPort, ports.get(MARKETPLACE_API));
        }
        awaitReady(allReplicas(), options.readyTimeout());
    }

    /** Replica 0 keeps the service's own name (and log file); the others are {@code <service>-<n>}. */
    static String replicaName(String service, int replica) {
        return replica == 0 ? service : service + "-" + replica;
    }

    private List<ChildProcess> allReplicas() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /**
     * Makes this launcher the one of its data directory: refuses when another live launcher holds it,
     * stops what a launcher killed with {@code -9} left running (services, simulator, PostgreSQL), records
     * this launcher's PID and starts the {@link Watchdog} that stops the children if this JVM dies.
     */
    private void takeOverRunDirectory() {
        Optional<ProcessHandle> other = run.liveLauncher().filter(p -> p.pid() != ProcessHandle.current().pid());
        if (other.isPresent()) {
            throw new LocalStackException("Arbiter is already running on " + dataDir + " (launcher PID " + other.get().pid()
                    + ")." + System.lineSeparator() + "  Stop it first:  " + STOP_HINT + "   (with the same ARBITER_DATA_DIR)");
        }
        int stale = run.stopLeftovers(RunDirectory.STOP_GRACE);
        if (stale > 0) {
            warn("stopped " + stale + " process(es) an earlier launcher left running on " + dataDir);
        }
        createDirectories(dataDir.resolve("logs"));
        run.writeLauncher(ProcessHandle.current());
        ownsRunDirectory = true;
        watchdog = startWatchdog();
        run.writeWatchdog(watchdog.toHandle());
    }

    private Process startWatchdog() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Watchdog.class.getName(),
                Long.toString(ProcessHandle.current().pid()), dataDir.toString());
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("logs").resolve("watchdog.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the watchdog", e);
        }
    }

    /**
     * {@code --stop}: signals the launcher running on {@code dataDir} (SIGTERM: it stops everything as
     * Ctrl-C would) and waits for it; stops whatever a killed launcher left behind. Exit code 0 when
     * nothing of Arbiter runs on the directory afterwards.
     */
    static int stopRunning(Path dataDir) {
        RunDirectory run = new RunDirectory(dataDir);
        Optional<ProcessHandle> launcher = run.liveLauncher();
        if (launcher.isPresent()) {
            progress("Stopping Arbiter (launcher PID " + launcher.get().pid() + ") on " + run.pidFile().getParent() + "...");
            RunDirectory.stop(List.of(launcher.get()), STOP_WAIT);
        }
        int leftovers = run.stopLeftovers(RunDirectory.STOP_GRACE);
        run.clear();
        if (launcher.isPresent()) {
            progress("Stopped.");
        } else if (leftovers > 0) {
            progress("No launcher was running; stopped " + leftovers + " process(es) it had left behind.");
        } else {
            progress("Arbiter is not running on " + run.pidFile().getParent() + ".");
        }
        return 0;
    }

    private void startSimulator() {
        Path jar = repoRoot.resolve("model-simulator/target/arbiter-model-simulator.jar");
        Path knowledge = options.simulatorKnowledge() != null
                ? options.simulatorKnowledge().toAbsolutePath().normalize()
                : repoRoot.resolve("model-simulator/demo/knowledge.jsonl");
        if (options.simulatorKnowledge() != null && !Files.isRegularFile(knowledge)) {
            throw new LocalStackException("ARBITER_SIM_KNOWLEDGE names a file that does not exist: " + knowledge);
        }
        if (!Files.isRegularFile(jar)) {
            warn("model simulator not built (" + jar + "): starting without it; qualification panels will not answer.");
            return;
        }
        if (!Files.isRegularFile(knowledge)) {
            warn("no simulator knowledge file (" + knowledge + "; set ARBITER_SIM_KNOWLEDGE): starting without the simulator.");
            return;
        }
        simulatorKnowledge = knowledge;
        int port = dev.arbiter.infra.FreePorts.pick();
        List<String> command = new ArrayList<>(javaCommand(jar));
        command.addAll(List.of("--port", Integer.toString(port), "--knowledge", knowledge.toString()));
        simulator = new ChildProcess(MODEL_SIMULATOR, port, command, Map.of(),
                dataDir.resolve("logs").resolve(MODEL_SIMULATOR + ".log"), "http://localhost:" + port + "/health");
        progress("Starting the model simulator (knowledge " + knowledge + ")...");
        simulator.start(dataDir);
        run.recordChild(MODEL_SIMULATOR, simulator.handle());
        awaitReady(List.of(simulator), SIMULATOR_READY_TIMEOUT);
    }

    private Map<String, String> serviceEnvironment(String service, int port, Map<String, List<Integer>> ports) {
        String database = SERVICE_DATABASES.get(service);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyPath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.putAll(options.platformEnvironment());
        if (MARKETPLACE_API.equals(service)) {
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKeyPath().toString());
            env.put("ARBITER_ADMIN_EMAIL", options.adminEmail());
            env.put("ARBITER_ADMIN_PASSWORD", adminPassword);
            // every replica of each service: the gateway spreads requests across them
            env.put("ARBITER_GATEWAY_QUALIFICATION_URL", localUrls(ports.get(QUALIFICATION_SERVICE)));
            env.put("ARBITER_GATEWAY_TASKS_URL", localUrls(ports.get(TASK_SERVICE)));
            env.put("ARBITER_GATEWAY_PAYOUTS_URL", localUrls(ports.get(PAYOUT_SERVICE)));
        }
        if (QUALIFICATION_SERVICE.equals(service) && simulator != null) {
            env.put("ARBITER_SIMULATOR_URL", simulatorUrl());
            env.put("ARBITER_SIM_KNOWLEDGE", simulatorKnowledge.toString());
        }
        return env;
    }

    private static String localUrls(List<Integer> ports) {
        return ports.stream().map(p -> "http://localhost:" + p).collect(Collectors.joining(","));
    }

    private List<String> javaCommand(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.javaOptions());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Bounded poll of every child's health URL; a child that exits or times out fails the start. */
    private void awaitReady(Collection<ChildProcess> children, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Set<ChildProcess> pending = new LinkedHashSet<>(children);
        while (!pending.isEmpty()) {
            for (Iterator<ChildProcess> it = pending.iterator(); it.hasNext(); ) {
                ChildProcess child = it.next();
                if (!child.isAlive()) {
                    throw failure(child, child.name() + " exited (code " + child.exitValue() + ") before it was ready.");
                }
                if (child.isReady()) {
                    progress(String.format("  %-22s ready after %d s", child.name(), (System.nanoTime() - started) / 1_000_000_000L));
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failure(pending.iterator().next(), pending.iterator().next().name()
                        + " was not ready within " + timeout.toSeconds() + " s.");
            }
            pause(Duration.ofMillis(500));
        }
    }

    private LocalStackException failure(ChildProcess child, String what) {
        String nl = System.lineSeparator();
        return new LocalStackException(what + nl + "--- last lines of " + child.logFile() + " ---" + nl
                + child.tailOfLog(LOG_TAIL_LINES) + nl + "---");
    }

    /** Blocks until the stack is closed (returns null) or a child exits by itself (returns why). */
    String awaitUnexpectedExit() {
        List<ChildProcess> children = new ArrayList<>(allReplicas());
        if (simulator != null) {
            children.add(simulator);
        }
        while (!closing) {
            for (ChildProcess child : children) {
                if (!child.isAlive() && !closing) {
                    return failure(child, child.name() + " stopped unexpectedly (code " + child.exitValue()
                            + "); stopping everything.").getMessage();
                }
            }
            try {
                if (closedLatch.await(1, TimeUnit.SECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** What to print once everything is up. */
    public String banner() {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        String rule = "=".repeat(78);
        b.append(nl).append(rule).append(nl);
        if (options.infraOnly()) {
            b.append(" Arbiter infrastructure is running (--infra-only)").append(nl);
        } else {
            b.append(" Arbiter is running").append(nl).append(nl);
            b.append("   Gateway (web UI and /api)  ").append(gatewayUrl())
                    .append(gatewayBalancer == null ? "" : "  (spread over " + replicas(MARKETPLACE_API) + " replicas)").append(nl);
            b.append("   Settlement currency        ").append(options.currency())
                    .append("  (terms: ").append(gatewayUrl()).append("/api/platform)").append(nl);
        }
        // never the password itself: a terminal's scrollback and CI logs are not a place for secrets
        b.append("   Admin login                ").append(adminEmail()).append("  (password: ")
                .append(options.adminPassword() != null ? "the one in ARBITER_ADMIN_PASSWORD"
                        : "in " + dataDir.resolve(AdminCredentials.PASSWORD_FILE) + ", readable by you only")
                .append(")").append(nl);
        if (!services.isEmpty()) {
            b.append(nl).append("   Services").append(nl);
            allReplicas().forEach(s -> b.append(String.format("     %-22s %s%n     %-22s openapi: %s/q/openapi   health: %s%n",
                    s.name(), s.baseUrl(), "", s.baseUrl(), s.healthUri())));
        }
        b.append(nl);
        b.append("   Model simulator            ").append(simulator == null ? "(not started)" : simulatorUrl()
                + "   knowledge: " + simulatorKnowledge).append(nl);
        b.append("   PostgreSQL                 ").append(postgres.jdbcUrl("<db>")).append("  user ").append(postgres.username())
                .append("  dbs ").append(String.join(", ", SERVICE_DATABASES.values()))
                .append("  (fsync ").append(postgres.setting("fsync")).append(")").append(nl);
        b.append("   Kafka                      ").append(kafka.bootstrapServers())
                .append(kafka.brokers() > 1 ? "  (" + kafka.brokers() + " brokers, replication factor 3, min.insync.replicas 2)" : "")
                .append(nl);
        b.append("   JWT keys                   ").append(keys.publicKeyPath().getParent()).append(nl);
        b.append("   Data and logs              ").append(dataDir).append("  (logs/)").append(nl);
        if (options.infraOnly()) {
            b.append(nl).append("   Run a service against it with QUARKUS_DATASOURCE_JDBC_URL / _REACTIVE_URL, KAFKA_BOOTSTRAP_SERVERS,")
                    .append(nl).append("   MP_JWT_VERIFY_PUBLICKEY_LOCATION, MP_JWT_VERIFY_ISSUER=").append(ISSUER)
                    .append(" (see deploy/README.md).").append(nl);
        }
        b.append("   Launcher PID               ").append(ProcessHandle.current().pid()).append("  (in ")
                .append(run.pidFile()).append(")").append(nl);
        b.append(nl).append(" Ctrl-C (or, from another shell, ").append(STOP_HINT)
                .append(") stops everything; the data stays for the next start.").append(nl);
        b.append(rule);
        return b.toString();
    }

    // ---------------------------------------------------------------- helpers

    /** {@code <module>/target/quarkus-app/quarkus-run.jar} under the repository root. */
    public static Path serviceJar(Path repoRoot, String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The service jars that are not built yet (empty when the stack can start). */
    public static List<Path> missingServiceJars(Path repoRoot) {
        return SERVICE_DATABASES.keySet().stream().map(s -> serviceJar(repoRoot, s)).filter(p -> !Files.isRegularFile(p)).toList();
    }

    /**
     * The repository root: the first directory holding {@code pom.xml} and {@code deploy/}, looking
     * upwards from the current directory, then from where this class was loaded.
     */
    public static Path detectRepoRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        Path found = findUpwards(cwd);
        if (found == null) {
            try {
                Path codeSource = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                found = findUpwards(codeSource);
            } catch (URISyntaxException | RuntimeException e) {
                // Fall back to the current directory.
            }
        }
        return found != null ? found : cwd;
    }

    private static Path findUpwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        return null;
    }

    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return port;
        } catch (IOException e) {
            throw new LocalStackException("port " + port + " is already in use: stop what uses it or set ARBITER_HTTP_PORT.");
        }
    }

    private static void stopAll(Collection<ChildProcess> children) {
        children.forEach(ChildProcess::requestStop);
        CompletableFuture.allOf(children.stream()
                .map(c -> CompletableFuture.runAsync(() -> c.awaitStop(STOP_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static void runQuietly(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException e) {
            warn(what + " did not stop cleanly: " + e.getMessage());
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    private static void routeInfrastructureLogs(Path logFile) {
        createDirectories(logFile.getParent());
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the services");
        }
    }

    private static void progress(String message) {
        System.out.println("[arbiter-local] " + message);
    }

    private static void warn(String message) {
        System.out.println("[arbiter-local] WARNING: " + message);
    }

    private static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar deploy/target/arbiter-local.jar [--infra-only | --stop] [--replicas N | --replicas SERVICE=N ...]",
                "                                                [--kafka-brokers 1|3]   (from the repository root)",
                "  --infra-only         start PostgreSQL, Kafka, the JWT keys and the model simulator, not the services",
                "  --stop               stop the stack running on ARBITER_DATA_DIR (its PID is in <data dir>/arbiter.pid)",
                "  --replicas N         N instances (1 to " + LocalStackOptions.MAX_REPLICAS + ") of every service; repeat",
                "                       --replicas SERVICE=N for one service (" + String.join(", ", LocalStackOptions.SERVICES) + ")",
                "  --kafka-brokers 3    a three-broker KRaft cluster (replication factor 3, min.insync.replicas 2); default 1",
                "environment: ARBITER_DATA_DIR (.arbiter), ARBITER_HTTP_PORT (8080), ARBITER_ADMIN_EMAIL,",
                "             ARBITER_ADMIN_PASSWORD (generated once if unset), ARBITER_SIM_KNOWLEDGE, ARBITER_JAVA_OPTS,",
                "             ARBITER_CURRENCY (USD), ARBITER_PAY_FLOOR_MINOR, ARBITER_MINIMUM_PAYOUT_MINOR,",
                "             ARBITER_PAYABLE_AFTER_DAYS (the platform's terms, stated at /api/platform),",
                "             ARBITER_REPLICAS (2, or task-service=2,payout-service=2), ARBITER_KAFKA_BROKERS (1 or 3)");
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
