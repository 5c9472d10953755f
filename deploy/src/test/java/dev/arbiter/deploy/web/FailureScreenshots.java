package dev.arbiter.deploy.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** A failed browser test leaves a picture of the page as it was: {@code target/screenshots/FAILED-<test>.png}. */
public final class FailureScreenshots implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (WebBrowser.lastPage() != null && !WebBrowser.lastPage().isClosed()) {
            WebBrowser.screenshot(WebBrowser.lastPage(), "FAILED-" + context.getRequiredTestMethod().getName());
        }
    }
}
