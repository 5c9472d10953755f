package dev.arbiter.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started by the local stack (a service or the model simulator): its command, its
 * environment, its log file, and a health URL that answers 200 once it is ready.
 */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final URI healthUri;
    private Process process;

    /** @param healthUrl what answers 200 once the child is ready (a service's is on its management port) */
    ChildProcess(String name, int port, List<String> command, Map<String, String> environment, Path logFile,
                 String healthUrl) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.healthUri = URI.create(healthUrl);
    }

    /** Where the child says it is ready. */
    URI healthUri() {
        return healthUri;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Path logFile() {
        return logFile;
    }

    void start(Path workingDirectory) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** The running process (after {@link #start}). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** One health probe: true when the health URL answers 200. */
    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no drain, no commit of what is in flight) and waits for it to go. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM); {@link #awaitStop} waits for it. */
    void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for a requested stop, then kills the process if it is still there. */
    void awaitStop(Duration grace) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tailOfLog(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return String.join(System.lineSeparator(), tail);
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
