package dev.arbiter.bench.common;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time spent so far by the processes of the stack this benchmark started, read from Linux's {@code /proc}
 * (user + system time of all threads), summed per part: each service (all its replicas), PostgreSQL (the server the
 * stack runs and all its backends) and this benchmark's own JVM (its clients and the in-process Kafka broker). On a
 * machine whose cores the whole stack shares, a closed loop's throughput is set by what one operation costs across
 * all of them; these figures say where that cost is.
 *
 * <p>Only the stack's own processes count: the service JVMs this process started (its descendants) and the
 * PostgreSQL server listening on the stack's port with its children. Another build or stack on the machine is left
 * out, but it still competes for the cores. PostgreSQL backends come and go (each JDBC connection has one): the
 * server's {@code cutime}/{@code cstime}, to which the kernel adds each reaped backend's time, keep its total from
 * losing what a backend that ended had used. The kernel's interrupt work on behalf of sockets is not charged to any
 * process and so is not here.
 */
public final class ProcessCpu {

    /** The parts reported, in print order. */
    public static final List<String> PARTS = List.of("marketplace-api", "qualification-service", "task-service",
            "payout-service", "postgres", "bench+kafka");
    private static final List<String> SERVICES = PARTS.subList(0, 4);
    /** Linux's USER_HZ: the unit of the times in {@code stat}; 100 on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10.0;
    private static final Path PROC = Path.of("/proc");

    private final int postgresPort;
    private final long self = ProcessHandle.current().pid();

    private ProcessCpu(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    /** A meter of the stack {@code target} started, or empty when it is not one this run started or not on Linux. */
    public static Optional<ProcessCpu> of(StackTarget target) {
        if (!target.isLocal() || !Files.isReadable(PROC.resolve("self").resolve("stat"))) {
            return Optional.empty();
        }
        // jdbc:postgresql://localhost:PORT/db
        URI uri = URI.create(target.jdbcUrl("tasks").substring("jdbc:".length()));
        return uri.getPort() > 0 ? Optional.of(new ProcessCpu(uri.getPort())) : Optional.empty();
    }

    /** Milliseconds of CPU used so far, per part; parts with no live process are absent. */
    public Map<String, Double> snapshot() {
        Map<Long, Stat> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .forEach(name -> readStat(Long.parseLong(name)).ifPresent(stat -> all.put(stat.pid, stat)));
        } catch (IOException | RuntimeException e) {
            return Map.of();   // /proc unreadable now: no figures rather than a failed run
        }
        Set<Long> descendants = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Map<String, Double> millis = new LinkedHashMap<>();
        Long postmaster = null;
        for (Stat stat : all.values()) {
            String part = null;
            if (stat.pid == self) {
                part = "bench+kafka";
            } else if (descendants.contains(stat.pid)) {
                part = serviceOf(commandLine(stat.pid));
            } else if (isPostmaster(commandLine(stat.pid), postgresPort)) {
                postmaster = stat.pid;
                // its own time and that of every backend it has reaped
                millis.merge("postgres", (stat.ticks + stat.reapedTicks) * MILLIS_PER_TICK, Double::sum);
            }
            if (part != null) {
                millis.merge(part, stat.ticks * MILLIS_PER_TICK, Double::sum);
            }
        }
        if (postmaster != null) {
            for (Stat stat : all.values()) {
                if (stat.parent == postmaster) {
                    millis.merge("postgres", stat.ticks * MILLIS_PER_TICK, Double::sum);
                }
            }
        }
        return millis;
    }

    /** Cores each part uses over {@code idle} while the benchmark loads nothing: its background. */
    public Map<String, Double> backgroundCores(Duration idle) {
        Map<String, Double> before = snapshot();
        long start = System.nanoTime();
        long deadline = start + idle.toNanos();
        try {
            for (long left = idle.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                Thread.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        since(before, snapshot()).forEach((part, ms) -> cores.put(part, ms / 1000 / seconds));
        return cores;
    }

    /**
     * The lower of two background readings, per part: a reading taken just after load can still hold the tail of
     * that load (a JIT queue, a vacuum), so the quieter one is the better estimate of what idle costs.
     */
    public static Map<String, Double> lower(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> lower = new LinkedHashMap<>(a);
        b.forEach((part, cores) -> lower.merge(part, cores, Math::min));
        return lower;
    }

    /** {@code after − before}, per part present in both. */
    public static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((part, ms) -> {
            Double earlier = before.get(part);
            if (earlier != null) {
                delta.put(part, Math.max(0, ms - earlier));
            }
        });
        return delta;
    }

    /**
     * CPU milliseconds per operation, per part: {@code used} over {@code seconds} of wall time for {@code count}
     * operations, less each part's {@code background} over that time.
     */
    public static Map<String, Double> perOperation(Map<String, Double> used, double seconds, long count,
                                                   Map<String, Double> background) {
        Map<String, Double> per = new LinkedHashMap<>();
        if (count > 0) {
            used.forEach((part, ms) -> per.put(part,
                    Math.max(0, ms - background.getOrDefault(part, 0.0) * seconds * 1000) / count));
        }
        return per;
    }

    /** Which service a JVM's command line runs ({@code …/task-service/target/quarkus-app/…}), or null. */
    static String serviceOf(String commandLine) {
        if (commandLine == null || !commandLine.split(" ", 2)[0].endsWith("java")) {
            return null;
        }
        return SERVICES.stream().filter(service -> commandLine.contains("/" + service + "/")).findFirst().orElse(null);
    }

    /** Whether a command line is the PostgreSQL server ({@code …/bin/postgres -D … -p PORT …}) on {@code port}. */
    static boolean isPostmaster(String commandLine, int port) {
        if (commandLine == null) {
            return false;
        }
        String[] words = commandLine.split(" ");
        if (!words[0].endsWith("/postgres")) {
            return false;
        }
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equals("-p") && words[i + 1].equals(String.valueOf(port))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fields of {@code /proc/<pid>/stat} this needs. The command name (field 2) is in parentheses and may hold
     * spaces, so fields are counted after its closing one: the parent is field 4, utime and stime 14 and 15, the
     * reaped children's cutime and cstime 16 and 17.
     */
    record Stat(long pid, long parent, long ticks, long reapedTicks) {

        static Stat parse(long pid, String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14]));
        }
    }

    private static Optional<Stat> readStat(long pid) {
        try {
            return Optional.of(Stat.parse(pid, Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"),
                    StandardCharsets.ISO_8859_1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // gone meanwhile
        }
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(String.valueOf(pid)).resolve("cmdline"));
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    raw[i] = ' ';
                }
            }
            return new String(raw, StandardCharsets.ISO_8859_1).trim();
        } catch (IOException | RuntimeException e) {
            return null;   // gone meanwhile, or not ours to read
        }
    }
}
