package dev.arbiter.bench.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent so far by the processes of the local stack on this machine, read from Linux's {@code /proc}
 * (user + system time, all threads, so the kernel's share of every socket hop counts too), summed per part:
 * each service (all its replicas), PostgreSQL (every backend) and this benchmark's own JVM (its clients and the
 * in-process Kafka broker). On a machine whose cores the whole stack shares, a closed loop's throughput is set by
 * what one request costs across all of them, so these figures explain a ratio that the rates alone only state.
 *
 * <p>Processes are found by their command line; a process that ends between two readings takes its time with it,
 * which is why the comparison is meant for long-lived processes (pooled database connections, service JVMs).
 */
public final class ProcessCpu {

    /** The parts reported, in print order. */
    public static final List<String> PARTS = List.of("marketplace-api", "qualification-service", "task-service",
            "payout-service", "postgres", "bench+kafka");
    /** Linux's USER_HZ: the unit of {@code utime} and {@code stime}; 100 on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10.0;
    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /** Whether this machine has a readable {@code /proc} with this process in it. */
    public static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    /** Milliseconds of CPU used so far, per part; parts with no live process are absent. */
    public static Map<String, Double> snapshot() {
        Map<String, Double> millis = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                long pid = Long.parseLong(dir.getFileName().toString());
                String part = pid == self ? "bench+kafka" : partOf(commandLine(dir));
                if (part == null) {
                    return;
                }
                long ticks = cpuTicks(dir);
                if (ticks >= 0) {
                    millis.merge(part, ticks * MILLIS_PER_TICK, Double::sum);
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return millis;
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

    /** Cores each part uses over {@code idle} while the benchmark loads nothing: its background. */
    public static Map<String, Double> backgroundCores(java.time.Duration idle) {
        Map<String, Double> before = snapshot();
        long start = System.nanoTime();
        java.util.concurrent.locks.LockSupport.parkNanos(idle.toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        since(before, snapshot()).forEach((part, ms) -> cores.put(part, ms / 1000 / seconds));
        return cores;
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

    /** Which part a command line belongs to, or null for a process that is not the stack's. */
    static String partOf(String commandLine) {
        if (commandLine == null || commandLine.isEmpty()) {
            return null;
        }
        String program = commandLine.split(" ", 2)[0];
        // the postmaster by its path; each backend and helper renames itself "postgres: …"
        if (program.endsWith("/postgres") || program.startsWith("postgres:")) {
            return "postgres";
        }
        if (!program.endsWith("java")) {
            return null;
        }
        for (String service : PARTS.subList(0, 4)) {
            if (commandLine.contains("/" + service + "/")) {
                return service;
            }
        }
        return null;
    }

    private static String commandLine(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    raw[i] = ' ';
                }
            }
            return new String(raw, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return null;   // gone meanwhile, or not ours to read
        }
    }

    /** utime + stime of {@code /proc/<pid>/stat}, or -1 if the process has gone. */
    private static long cpuTicks(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
