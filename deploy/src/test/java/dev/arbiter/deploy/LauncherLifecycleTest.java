package dev.arbiter.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a separate process, the way a person runs it (infrastructure only, to keep it quick):
 * killed with {@code -9} it leaves nothing running; a second launcher on the same data directory is
 * refused; a start cleans up after a launcher whose watchdog died with it; {@code --stop} stops it.
 */
class LauncherLifecycleTest {

    static final Duration STARTED = Duration.ofSeconds(150);
    static final Duration GONE = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private final List<Process> launched = new ArrayList<>();
    private final Map<Process, Path> outputs = new HashMap<>();

    @AfterEach
    void stopEverythingStarted() throws Exception {
        Path data = tmp.resolve("arbiter");
        run(data, "--stop").waitFor(120, TimeUnit.SECONDS);
        launched.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldLeaveNothingRunningWhenTheLauncherIsKilledAndStartAgainOnTheSameData() throws Exception {
        Path data = tmp.resolve("arbiter");
        Process first = run(data);
        awaitStarted(first, data);
        RunDirectory run = new RunDirectory(data);
        List<ProcessHandle> children = liveChildren(run);
        assertFalse(children.isEmpty(), "PostgreSQL (and the simulator when built) run as children");
        assertEquals(first.pid(), run.readLauncher().orElseThrow().pid(), "arbiter.pid names the launcher");

        Process second = run(data);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second launcher on the same data stops at once");
        assertEquals(1, second.exitValue());
        assertTrue(output(second).contains("already running on"), output(second));
        assertTrue(first.isAlive(), "the running launcher is untouched");

        first.destroyForcibly(); // kill -9
        await().atMost(GONE).pollInterval(Duration.ofMillis(250))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive) && !Files.exists(run.pidFile()));

        Process again = run(data);
        awaitStarted(again, data);
        assertTrue(liveChildren(run).stream().allMatch(ProcessHandle::isAlive));

        Process stop = run(data, "--stop");
        assertTrue(stop.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, stop.exitValue(), output(stop));
        assertTrue(output(stop).contains("Stopped."), output(stop));
        assertTrue(again.waitFor(10, TimeUnit.SECONDS), "the launcher exits on --stop");
        assertTrue(run.livePostgres().isEmpty(), "PostgreSQL stopped with it");
    }

    @Test
    void shouldStopWhatADeadLauncherAndItsWatchdogLeftBehindBeforeStarting() throws Exception {
        Path data = tmp.resolve("arbiter");
        Process first = run(data);
        awaitStarted(first, data);
        RunDirectory run = new RunDirectory(data);
        List<ProcessHandle> children = liveChildren(run);
        ProcessHandle watchdog = run.liveWatchdog().orElseThrow();
        assertEquals(first.pid(), watchdog.parent().orElseThrow().pid(), "the launcher started the watchdog");

        watchdog.destroyForcibly();
        await().atMost(GONE).until(() -> !watchdog.isAlive());
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertTrue(children.stream().allMatch(ProcessHandle::isAlive), "with no watchdog the children are orphaned");

        Process again = run(data);
        awaitStarted(again, data);
        assertTrue(output(again).contains("an earlier launcher left running"), output(again));
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "the orphans were stopped before the start");
    }

    private Process run(Path data, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LocalStack.class.getName()));
        command.addAll(args.length == 0 ? List.of("--infra-only") : List.of(args));
        Files.createDirectories(tmp.resolve("out"));
        Path out = Files.createTempFile(tmp.resolve("out"), "launcher", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(LocalStack.detectRepoRoot().toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("ARBITER_DATA_DIR", data.toString());
        builder.environment().put("ARBITER_HTTP_PORT", "0");
        Process p = builder.start();
        launched.add(p);
        outputs.put(p, out);
        return p;
    }

    private String output(Process p) throws IOException {
        return Files.readString(outputs.get(p), StandardCharsets.UTF_8);
    }

    private void awaitStarted(Process p, Path data) throws IOException {
        await().atMost(STARTED).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("the launcher exited: " + output(p));
            }
            return output(p).contains("Arbiter infrastructure is running");
        });
        assertTrue(output(p).matches("(?s).*Launcher PID\\s+" + p.pid() + "\\b.*"), "the banner says the launcher's PID");
    }

    private static List<ProcessHandle> liveChildren(RunDirectory run) {
        List<ProcessHandle> live = new ArrayList<>();
        run.children().forEach(r -> r.live().ifPresent(live::add));
        run.livePostgres().ifPresent(live::add);
        return live;
    }
}
