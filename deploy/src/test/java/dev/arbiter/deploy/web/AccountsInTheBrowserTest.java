package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Anyone: register, sign in, see the account, stay signed in across a reload, sign out — in Chromium. */
@ExtendWith(SharedStack.class)
class AccountsInTheBrowserTest {

    private static WebBrowser browser;

    @BeforeAll
    static void openTheBrowser() {
        assumeTrue(SharedStack.handle().skipReason() == null, SharedStack.handle().skipReason());
        browser = new WebBrowser();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldRegisterAnExpertKeepTheSessionAcrossAReloadAndSignOut() {
        Page page = browser.newPage(SharedStack.handle().gatewayUrl(), 1280, 800);
        String email = "web-" + UUID.randomUUID() + "@browser.arbiter.local";

        page.navigate("/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        WebBrowser.screenshot(page, "01-sign-in");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
        page.getByLabel("a domain expert (I judge model answers)").check();
        page.getByLabel("Your name").fill("Ada Browser");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        // the server's rule, shown beside its field
        assertThat(page.locator("#password-error")).containsText("10");
        WebBrowser.screenshot(page, "02-register-invalid");

        page.getByLabel("Password").fill("correct horse battery staple");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Job board"))).isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ada Browser")).click();
        assertThat(page.getByText(email)).isVisible();
        WebBrowser.screenshot(page, "03-account");

        // the refresh token is out of the page's reach, and no token is kept in storage
        Object cookies = page.evaluate("document.cookie");
        assertFalse(String.valueOf(cookies).contains("arbiter_refresh"), "document.cookie: " + cookies);
        assertEquals(0, page.evaluate("localStorage.length + sessionStorage.length"));

        // a reload restores the session from the HttpOnly cookie, on the same page
        page.reload();
        assertThat(page.getByText(email)).isVisible();
        assertEquals("/account", page.evaluate("location.pathname"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();

        // signing in again with the form
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery staple");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Job board"))).isVisible();
        WebBrowser.screenshot(page, "04-job-board-empty");

        assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("401")).toList(),
                "no script error and no Content-Security-Policy violation");
    }
}
