package dev.arbiter.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What runs on one data directory, written where anyone can find it: {@code <data>/arbiter.pid}
 * (the launcher's PID, the one {@code --stop} signals) and {@code <data>/run/processes} (one line per
 * process the launcher started: name, PID, start time in epoch milliseconds), plus PostgreSQL's own
 * {@code postgres/postmaster.pid}. The {@link Watchdog} and the next start read them to stop what a
 * launcher killed with {@code -9} left behind.
 *
 * <p>A PID is only ever signalled when the process still has the recorded start time (or, for
 * PostgreSQL, runs the {@code postgres} binary): a PID the system has since given to another program
 * is left alone.
 */
final class RunDirectory {

    static final String PID_FILE = "arbiter.pid";
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dataDir;

    RunDirectory(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path pidFile() {
        return dataDir.resolve(PID_FILE);
    }

    Path processesFile() {
        return dataDir.resolve("run").resolve("processes");
    }

    /** One process the launcher started. */
    record Recorded(String name, long pid, long startedAtMillis) {

        /** The process, if it is still the one that was recorded. */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().startInstant()
                    .map(start -> Math.abs(start.toEpochMilli() - startedAtMillis) < 2000).orElse(false));
        }

        static Recorded of(String name, ProcessHandle process) {
            return new Recorded(name, process.pid(),
                    process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        }
    }

    // ------------------------------------------------------------------ the launcher

    /** The launcher recorded on this data directory, if it is still running. */
    Optional<ProcessHandle> liveLauncher() {
        return readLauncher().flatMap(Recorded::live);
    }

    Optional<Recorded> readLauncher() {
        List<Recorded> read = read(pidFile(), "launcher");
        return read.isEmpty() ? Optional.empty() : Optional.of(read.get(0));
    }

    void writeLauncher(ProcessHandle launcher) {
        Recorded me = Recorded.of("launcher", launcher);
        write(pidFile(), me.pid() + " " + me.startedAtMillis() + "\n");
    }

    // ------------------------------------------------------------------ its children

    Path watchdogFile() {
        return dataDir.resolve("run").resolve("watchdog");
    }

    void writeWatchdog(ProcessHandle watchdog) {
        Recorded w = Recorded.of("watchdog", watchdog);
        write(watchdogFile(), w.pid() + " " + w.startedAtMillis() + "\n");
    }

    /** The watchdog of the launcher recorded here, if it runs. */
    Optional<ProcessHandle> liveWatchdog() {
        List<Recorded> read = read(watchdogFile(), "watchdog");
        return read.isEmpty() ? Optional.empty() : read.get(0).live();
    }

    void recordChild(String name, ProcessHandle child) {
        List<Recorded> all = new ArrayList<>(children());
        all.add(Recorded.of(name, child));
        StringBuilder lines = new StringBuilder();
        all.forEach(r -> lines.append(r.name()).append(' ').append(r.pid()).append(' ').append(r.startedAtMillis()).append('\n'));
        write(processesFile(), lines.toString());
    }

    List<Recorded> children() {
        return read(processesFile(), null);
    }

    /** PostgreSQL's postmaster of this data directory, if one runs. */
    Optional<ProcessHandle> livePostgres() {
        Path postmaster = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(postmaster)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(postmaster, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops every recorded child still running and this data directory's PostgreSQL: SIGTERM, then
     * SIGKILL after the grace. Services and the simulator go first, so PostgreSQL stops with no client
     * left. Returns how many processes it stopped.
     */
    int stopLeftovers(Duration grace) {
        List<ProcessHandle> children = new ArrayList<>();
        children().forEach(r -> r.live().ifPresent(children::add));
        int stopped = stop(children, grace);
        Optional<ProcessHandle> postgres = livePostgres();
        if (postgres.isPresent()) {
            fastShutdown(postgres.get());
            stopped += stop(List.of(postgres.get()), grace);
        }
        return stopped;
    }

    /** Forgets the launcher and its children (a clean stop). */
    void clear() {
        try {
            Files.deleteIfExists(processesFile());
            Files.deleteIfExists(watchdogFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + pidFile(), e);
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave). */
    private static void fastShutdown(ProcessHandle postgres) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postgres.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the SIGTERM of stop() still ends it, more slowly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int stop(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : processes) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        return processes.size();
    }

    // ------------------------------------------------------------------ files

    private static List<Recorded> read(Path file, String fixedName) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Recorded> read = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+");
                try {
                    if (fixedName != null && parts.length == 2) {
                        read.add(new Recorded(fixedName, Long.parseLong(parts[0]), Long.parseLong(parts[1])));
                    } else if (fixedName == null && parts.length == 3) {
                        read.add(new Recorded(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                    }
                } catch (NumberFormatException ignored) {
                    // a line half-written by a killed launcher names no process
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return read;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
