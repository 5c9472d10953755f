package dev.arbiter.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link LocalStack} starts and where. {@link #fromEnvironment()} reads the documented
 * environment variables; tests use {@link #builder()}.
 */
public final class LocalStackOptions {

    public static final String DEFAULT_ADMIN_EMAIL = "admin@arbiter.local";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    /** JVM options of each service; small heaps and a C1-only JIT keep four JVMs light. */
    public static final List<String> DEFAULT_JAVA_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The services that can run as several replicas (every service the stack starts). */
    public static final List<String> SERVICES =
            List.of("marketplace-api", "qualification-service", "task-service", "payout-service");
    /** The most replicas of one service the local stack starts (each is a JVM of its own). */
    public static final int MAX_REPLICAS = 8;
    /** The Kafka cluster sizes the local stack runs: one broker, or three with replication factor 3. */
    public static final Set<Integer> KAFKA_BROKER_COUNTS = Set.of(1, 3);

    private final Path dataDir;
    private final int httpPort;
    private final String adminEmail;
    private final String adminPassword;
    private final Path simulatorKnowledge;
    private final Path repoRoot;
    private final Duration readyTimeout;
    private final List<String> javaOptions;
    private final boolean infraOnly;
    private final String currency;
    private final Long payFloorMinor;
    private final Long minimumPayoutMinor;
    private final Integer payableAfterDays;
    private final Map<String, Integer> replicas;
    private final int kafkaBrokers;

    private LocalStackOptions(Builder b) {
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir").toAbsolutePath().normalize();
        this.httpPort = b.httpPort;
        this.adminEmail = Objects.requireNonNull(b.adminEmail, "adminEmail");
        this.adminPassword = b.adminPassword;
        this.simulatorKnowledge = b.simulatorKnowledge;
        this.repoRoot = b.repoRoot;
        this.readyTimeout = Objects.requireNonNull(b.readyTimeout, "readyTimeout");
        this.javaOptions = List.copyOf(b.javaOptions);
        this.infraOnly = b.infraOnly;
        this.currency = Objects.requireNonNull(b.currency, "currency");
        this.payFloorMinor = b.payFloorMinor;
        this.minimumPayoutMinor = b.minimumPayoutMinor;
        this.payableAfterDays = b.payableAfterDays;
        this.replicas = Map.copyOf(b.replicas);
        this.kafkaBrokers = b.kafkaBrokers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options from the environment: {@code ARBITER_DATA_DIR} (default {@code .arbiter/}),
     * {@code ARBITER_HTTP_PORT} (8080), {@code ARBITER_ADMIN_EMAIL}, {@code ARBITER_ADMIN_PASSWORD}
     * (default: generated once and kept in the data directory), {@code ARBITER_SIM_KNOWLEDGE},
     * {@code ARBITER_JAVA_OPTS} (JVM options of the services); the platform's terms {@code ARBITER_CURRENCY}
     * (USD), {@code ARBITER_PAY_FLOOR_MINOR}, {@code ARBITER_MINIMUM_PAYOUT_MINOR} and
     * {@code ARBITER_PAYABLE_AFTER_DAYS} (unset: the platform's own defaults); {@code ARBITER_REPLICAS}
     * ({@code 2}, or {@code task-service=2,payout-service=2}; see {@link Builder#replicas(String)}) and
     * {@code ARBITER_KAFKA_BROKERS} (1 or 3).
     */
    public static LocalStackOptions fromEnvironment() {
        return fromEnvironment(System.getenv()).build();
    }

    static Builder fromEnvironment(Map<String, String> env) {
        Builder b = builder().dataDir(Path.of(env.getOrDefault("ARBITER_DATA_DIR", ".arbiter")));
        String port = blankToNull(env.get("ARBITER_HTTP_PORT"));
        if (port != null) {
            try {
                b.httpPort(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ARBITER_HTTP_PORT is not a port number: " + port);
            }
        }
        String email = blankToNull(env.get("ARBITER_ADMIN_EMAIL"));
        if (email != null) {
            b.adminEmail(email);
        }
        b.adminPassword(blankToNull(env.get("ARBITER_ADMIN_PASSWORD")));
        String knowledge = blankToNull(env.get("ARBITER_SIM_KNOWLEDGE"));
        if (knowledge != null) {
            b.simulatorKnowledge(Path.of(knowledge));
        }
        String javaOpts = blankToNull(env.get("ARBITER_JAVA_OPTS"));
        if (javaOpts != null) {
            b.javaOptions(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        String currency = blankToNull(env.get("ARBITER_CURRENCY"));
        if (currency != null) {
            b.currency(currency.trim());
        }
        b.payFloorMinor(positive(env, "ARBITER_PAY_FLOOR_MINOR", "the lowest hourly rate in minor units, e.g. 2000"));
        b.minimumPayoutMinor(positive(env, "ARBITER_MINIMUM_PAYOUT_MINOR", "the smallest payout in minor units, e.g. 5000"));
        Long days = positive(env, "ARBITER_PAYABLE_AFTER_DAYS", "a number of days, e.g. 14");
        if (days != null) {
            if (days > 3650) {
                throw new IllegalArgumentException("ARBITER_PAYABLE_AFTER_DAYS must be at most 3650 days, not " + days);
            }
            b.payableAfterDays(days.intValue());
        }
        String replicas = blankToNull(env.get("ARBITER_REPLICAS"));
        if (replicas != null) {
            b.replicas(replicas, "ARBITER_REPLICAS");
        }
        String brokers = blankToNull(env.get("ARBITER_KAFKA_BROKERS"));
        if (brokers != null) {
            b.kafkaBrokers(brokers, "ARBITER_KAFKA_BROKERS");
        }
        return b;
    }

    /** A positive whole number from the environment, or null when unset; anything else names the variable. */
    private static Long positive(Map<String, String> env, String name, String what) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number (" + what + "), not '" + value + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be a positive whole number (" + what + "), not " + n);
        }
        return n;
    }

    /** The ISO 4217 code if {@link Currency} knows it; otherwise an error naming the variable and an example. */
    static String checkCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("ARBITER_CURRENCY must be an ISO 4217 code of three capital letters "
                    + "(e.g. USD, EUR, CNY), not '" + code + "'");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ARBITER_CURRENCY names no ISO 4217 currency: '" + code
                    + "' (e.g. USD, EUR, CNY)");
        }
        return code;
    }

    /** Root of the data: {@code postgres/}, {@code kafka/}, {@code keys/}, {@code logs/}. */
    public Path dataDir() {
        return dataDir;
    }

    /** The gateway (marketplace-api) port; 0 picks a free one. */
    public int httpPort() {
        return httpPort;
    }

    public String adminEmail() {
        return adminEmail;
    }

    /** The admin password if given explicitly, else null (generated once, kept in the data dir). */
    public String adminPassword() {
        return adminPassword;
    }

    /** The simulator's knowledge file if given, else null (the demo file of model-simulator). */
    public Path simulatorKnowledge() {
        return simulatorKnowledge;
    }

    /** The repository root holding the built modules, or null to detect it. */
    public Path repoRoot() {
        return repoRoot;
    }

    /** How long each service may take to answer {@code /q/health/ready}. */
    public Duration readyTimeout() {
        return readyTimeout;
    }

    public List<String> javaOptions() {
        return javaOptions;
    }

    /** Start PostgreSQL, Kafka, the keys and the simulator only (for services run from an IDE). */
    public boolean infraOnly() {
        return infraOnly;
    }

    /** The settlement currency every service uses (ISO 4217). */
    public String currency() {
        return currency;
    }

    /**
     * The platform's terms as each service's environment: {@code ARBITER_PLATFORM_*}, which SmallRye Config reads
     * as {@code arbiter.platform.*} ({@code PlatformTerms}); a term not set here keeps the platform's default.
     */
    public Map<String, String> platformEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ARBITER_PLATFORM_CURRENCY", currency);
        if (payFloorMinor != null) {
            env.put("ARBITER_PLATFORM_PAY_FLOOR_MINOR", payFloorMinor.toString());
        }
        if (minimumPayoutMinor != null) {
            env.put("ARBITER_PLATFORM_MINIMUM_PAYOUT_MINOR", minimumPayoutMinor.toString());
        }
        if (payableAfterDays != null) {
            env.put("ARBITER_PLATFORM_PAYABLE_AFTER_DAYS", payableAfterDays.toString());
        }
        return env;
    }

    /** How many instances of {@code service} the stack starts (1 unless set). */
    public int replicas(String service) {
        requireService(service, "a service");
        return replicas.getOrDefault(service, 1);
    }

    /** How many Kafka brokers the stack starts: 1 (the default) or 3 (replication factor 3, min.insync.replicas 2). */
    public int kafkaBrokers() {
        return kafkaBrokers;
    }

    public Builder toBuilder() {
        Builder b = new Builder().dataDir(dataDir).httpPort(httpPort).adminEmail(adminEmail).adminPassword(adminPassword)
                .simulatorKnowledge(simulatorKnowledge).repoRoot(repoRoot).readyTimeout(readyTimeout)
                .javaOptions(javaOptions).infraOnly(infraOnly).currency(currency).payFloorMinor(payFloorMinor)
                .minimumPayoutMinor(minimumPayoutMinor).payableAfterDays(payableAfterDays).kafkaBrokers(kafkaBrokers);
        replicas.forEach(b::replicas);
        return b;
    }

    private static String requireService(String service, String what) {
        if (service == null || !SERVICES.contains(service)) {
            throw new IllegalArgumentException("Not " + what + " of the local stack: '" + service
                    + "' (one of " + String.join(", ", SERVICES) + ")");
        }
        return service;
    }

    private static int replicaCount(String value, String source) {
        String help = source + " takes a number of replicas from 1 to " + MAX_REPLICAS
                + " for every service (e.g. 2) or per service (e.g. task-service=2,payout-service=2)";
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(help + ", not '" + value.trim() + "'");
        }
        if (n < 1 || n > MAX_REPLICAS) {
            throw new IllegalArgumentException(help + ", not " + n);
        }
        return n;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private Path dataDir = Path.of(".arbiter");
        private int httpPort = DEFAULT_HTTP_PORT;
        private String adminEmail = DEFAULT_ADMIN_EMAIL;
        private String adminPassword;
        private Path simulatorKnowledge;
        private Path repoRoot;
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private List<String> javaOptions = DEFAULT_JAVA_OPTIONS;
        private boolean infraOnly;
        private String currency = "USD";
        private Long payFloorMinor;
        private Long minimumPayoutMinor;
        private Integer payableAfterDays;
        private final Map<String, Integer> replicas = new LinkedHashMap<>();
        private int kafkaBrokers = 1;

        private Builder() {
        }

        /** {@code n} instances of every service (1 to {@value LocalStackOptions#MAX_REPLICAS}). */
        public Builder replicas(int n) {
            int checked = replicaCount(Integer.toString(n), "replicas");
            SERVICES.forEach(service -> replicas.put(service, checked));
            return this;
        }

        /** {@code n} instances of one service (1 to {@value LocalStackOptions#MAX_REPLICAS}); the others keep theirs. */
        public Builder replicas(String service, int n) {
            replicas.put(requireService(service, "a service"), replicaCount(Integer.toString(n), "replicas of " + service));
            return this;
        }

        /**
         * Replicas as written on the command line or in {@code ARBITER_REPLICAS}: comma-separated items, each
         * {@code N} (every service) or {@code service=N}, applied in order. {@code source} names where it was
         * written, for the error message.
         */
        public Builder replicas(String spec, String source) {
            if (spec == null || spec.isBlank()) {
                throw new IllegalArgumentException(source + " is empty: give a number of replicas (e.g. 2) "
                        + "or service=N items (e.g. task-service=2,payout-service=2)");
            }
            for (String item : spec.split(",")) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    int n = replicaCount(item, source);
                    SERVICES.forEach(service -> replicas.put(service, n));
                } else {
                    String service = item.substring(0, eq).trim();
                    if (!SERVICES.contains(service)) {
                        throw new IllegalArgumentException(source + " names no service of the local stack: '" + service
                                + "' (one of " + String.join(", ", SERVICES) + ")");
                    }
                    replicas.put(service, replicaCount(item.substring(eq + 1), source));
                }
            }
            return this;
        }

        /** 1 (the default) or 3 brokers; anything else is refused. */
        public Builder kafkaBrokers(int n) {
            return kafkaBrokers(Integer.toString(n), "kafkaBrokers");
        }

        /** The broker count as written on the command line or in {@code ARBITER_KAFKA_BROKERS}. */
        public Builder kafkaBrokers(String value, String source) {
            String help = source + " must be 1 (one broker) or 3 (a three-broker cluster, replication factor 3, "
                    + "min.insync.replicas 2)";
            int n;
            try {
                n = Integer.parseInt(value == null ? "" : value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(help + ", not '" + value + "'");
            }
            if (!KAFKA_BROKER_COUNTS.contains(n)) {
                throw new IllegalArgumentException(help + ", not " + n);
            }
            this.kafkaBrokers = n;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = checkCurrency(currency);
            return this;
        }

        /** Null keeps the platform's default. */
        public Builder payFloorMinor(Long payFloorMinor) {
            this.payFloorMinor = payFloorMinor;
            return this;
        }

        public Builder minimumPayoutMinor(Long minimumPayoutMinor) {
            this.minimumPayoutMinor = minimumPayoutMinor;
            return this;
        }

        public Builder payableAfterDays(Integer payableAfterDays) {
            this.payableAfterDays = payableAfterDays;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder httpPort(int httpPort) {
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + httpPort);
            }
            this.httpPort = httpPort;
            return this;
        }

        public Builder adminEmail(String adminEmail) {
            this.adminEmail = adminEmail;
            return this;
        }

        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        public Builder simulatorKnowledge(Path simulatorKnowledge) {
            this.simulatorKnowledge = simulatorKnowledge;
            return this;
        }

        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        public Builder javaOptions(List<String> javaOptions) {
            this.javaOptions = javaOptions;
            return this;
        }

        public Builder infraOnly(boolean infraOnly) {
            this.infraOnly = infraOnly;
            return this;
        }

        public LocalStackOptions build() {
            return new LocalStackOptions(this);
        }
    }
}
