package dev.arbiter.deploy.web;

import dev.arbiter.deploy.LocalStack;
import dev.arbiter.deploy.LocalStackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack for every browser test class of the run (starting it takes about 20 s): started by the
 * first class that needs it, kept in JUnit's root store and closed when the run ends. As for
 * {@code EndToEndTest}, missing service jars skip the tests with a message, except under {@code CI}.
 */
public final class SharedStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    /**
     * What a test class holds: where the gateway is and the admin login, or why there is none. During
     * development, {@code -Darbiter.browser-tests.gateway=http://localhost:18080} (with
     * {@code -Darbiter.browser-tests.admin-password=…}) points the tests at a stack already running.
     */
    public record Handle(LocalStack stack, String gatewayUrl, String adminEmail, String adminPassword, String skipReason)
            implements AutoCloseable {
        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static volatile Handle handle;

    @Override
    public void beforeAll(ExtensionContext context) {
        handle = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> start(), Handle.class);
    }

    public static Handle handle() {
        return handle;
    }

    private static Handle start() {
        String running = System.getProperty("arbiter.browser-tests.gateway");
        if (running != null && !running.isBlank()) {
            return new Handle(null, running, System.getProperty("arbiter.browser-tests.admin-email", "admin@arbiter.local"),
                    System.getProperty("arbiter.browser-tests.admin-password"), null);
        }
        Path repoRoot = LocalStack.detectRepoRoot();
        List<Path> missing = LocalStack.missingServiceJars(repoRoot);
        if (!missing.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser tests, but service jars are missing: " + missing);
        }
        if (!missing.isEmpty()) {
            String reason = "Skipping the browser tests: service jars not built " + missing
                    + ". Run the full build from the repository root (mvn -B verify).";
            System.out.println(reason);
            return new Handle(null, null, null, null, reason);
        }
        if (!Files.isExecutable(WebBrowser.CHROMIUM)) {
            String reason = "Skipping the browser tests: " + WebBrowser.CHROMIUM + " is missing (apt-get install -y chromium)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            System.out.println(reason);
            return new Handle(null, null, null, null, reason);
        }
        try {
            Path dataDir = Files.createTempDirectory("arbiter-browser-tests");
            LocalStack stack = LocalStack.start(LocalStackOptions.builder()
                    .dataDir(dataDir.resolve("arbiter"))
                    .httpPort(0)
                    .repoRoot(repoRoot)
                    .readyTimeout(Duration.ofSeconds(180))
                    .build());
            return new Handle(stack, stack.gatewayUrl(), stack.adminEmail(), stack.adminPassword(), null);
        } catch (IOException e) {
            throw new IllegalStateException("no temporary directory for the browser tests' stack", e);
        }
    }
}
