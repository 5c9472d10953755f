package dev.arbiter.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
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
     * {@code ARBITER_PAYABLE_AFTER_DAYS} (unset: the platform's own defaults).
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

    public Builder toBuilder() {
        return new Builder().dataDir(dataDir).httpPort(httpPort).adminEmail(adminEmail).adminPassword(adminPassword)
                .simulatorKnowledge(simulatorKnowledge).repoRoot(repoRoot).readyTimeout(readyTimeout)
                .javaOptions(javaOptions).infraOnly(infraOnly).currency(currency).payFloorMinor(payFloorMinor)
                .minimumPayoutMinor(minimumPayoutMinor).payableAfterDays(payableAfterDays);
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

        private Builder() {
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
