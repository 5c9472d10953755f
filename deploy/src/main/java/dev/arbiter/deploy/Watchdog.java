package dev.arbiter.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A small process the launcher starts beside its children, so that they never outlive it: it polls
 * the launcher's PID and, when the launcher is gone without a clean stop (killed with {@code -9},
 * say), stops every process recorded in the data directory's {@link RunDirectory} and its PostgreSQL.
 * A clean stop clears the run files, and the watchdog then exits by itself. It needs nothing but the
 * JDK, so it runs on a tiny heap.
 *
 * <p>{@code java -cp <launcher class path> dev.arbiter.deploy.Watchdog <launcherPid> <dataDir>}
 */
public final class Watchdog {

    static final Duration POLL = Duration.ofMillis(500);

    private Watchdog() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: Watchdog <launcherPid> <dataDir>");
            System.exit(2);
        }
        long launcherPid = Long.parseLong(args[0]);
        RunDirectory run = new RunDirectory(Path.of(args[1]));
        Optional<ProcessHandle> launcher = ProcessHandle.of(launcherPid);
        while (launcher.map(ProcessHandle::isAlive).orElse(false)) {
            Optional<RunDirectory.Recorded> recorded = run.readLauncher();
            if (recorded.isEmpty() || recorded.get().pid() != launcherPid) {
                return; // the launcher stopped cleanly (or another one took over the directory)
            }
            Thread.sleep(POLL.toMillis());
        }
        if (run.readLauncher().map(r -> r.pid() == launcherPid).orElse(false)) {
            int stopped = run.stopLeftovers(RunDirectory.STOP_GRACE);
            run.clear();
            System.out.println("[arbiter-watchdog] launcher " + launcherPid + " is gone; stopped " + stopped + " process(es)");
        }
    }
}
