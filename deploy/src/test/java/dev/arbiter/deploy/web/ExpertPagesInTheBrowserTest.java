package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expert's other pages in Chromium: qualification (a question, the panel's verdict per model), earnings, sessions. */
@ExtendWith({SharedStack.class, FailureScreenshots.class})
class ExpertPagesInTheBrowserTest {

    private static WebBrowser browser;
    private static ApiSetup api;
    private static SharedStack.Handle stack;

    @BeforeAll
    static void openTheBrowser() {
        stack = SharedStack.handle();
        assumeTrue(stack.skipReason() == null, stack.skipReason());
        browser = new WebBrowser();
        api = new ApiSetup(stack.gatewayUrl());
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldWriteAQuestionAndWatchThePanelsVerdictArriveModelByModel() {
        String email = "asker-" + UUID.randomUUID() + "@browser.arbiter.local";
        api.registerExpert(email, "Quinn Asker");
        Page page = browser.newPage(stack.gatewayUrl(), 1280, 900);
        page.navigate("/qualification");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(ApiSetup.PASSWORD);
        page.getByLabel("Password").press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Qualification"))).isVisible();

        page.getByLabel("Domain").selectOption("history");
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("attempts left"))).isVisible();
        // nothing filled in: each rule beside its field
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit to the panel")).click();
        assertThat(page.locator("#err-prompt")).isVisible();
        WebBrowser.screenshot(page, "20-qualification-problems");

        page.getByLabel("Question", new Page.GetByLabelOptions().setExact(true)).fill("Which codename did the fixture team give the ninth migration of the browser-test catalogue?");
        page.getByLabel("Exact answer (a word, name or short phrase)").check();
        page.getByLabel("Reference answer", new Page.GetByLabelOptions().setExact(true)).fill("amber-pangolin-" + UUID.randomUUID().toString().substring(0, 6));
        page.getByLabel("Why this is the answer").fill("Only the people who keep the fixtures know their codenames.");
        // qualification-service learns of a new expert from Kafka: the first submissions may be refused
        for (int attempt = 0; attempt < 20 && !String.valueOf(page.evaluate("location.pathname")).contains("/questions/"); attempt++) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit to the panel")).click();
            try {
                page.waitForURL("**/qualification/questions/**", new Page.WaitForURLOptions().setTimeout(2000));
            } catch (PlaywrightException stillRefused) {
                // retried
            }
        }
        assertTrue(String.valueOf(page.evaluate("location.pathname")).contains("/qualification/questions/"));
        assertThat(page.locator(".badge")).hasText("Awaiting review", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(90_000));
        List<String> verdicts = page.locator("td[class^=verdict-]").allTextContents();
        assertTrue(verdicts.size() >= 2 && verdicts.stream().allMatch(v -> v.startsWith("Stumped")), "verdicts " + verdicts);
        assertThat(page.getByText("stumped (at least")).isVisible();
        WebBrowser.screenshot(page, "21-question-verdict");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Earnings")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Earnings"))).isVisible();
        assertThat(page.locator(".total").first()).containsText("$0.00");
        WebBrowser.screenshot(page, "22-earnings");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sessions")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My sessions"))).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My work")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My work"))).isVisible();
        WebBrowser.screenshot(page, "23-my-work");

        assertEquals(List.of(), browser.consoleErrors().stream().filter(WebBrowser::isNotAFailedRequest).toList(),
                "no script error and no Content-Security-Policy violation");
    }
}
