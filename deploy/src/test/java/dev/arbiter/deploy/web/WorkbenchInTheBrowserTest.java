package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An expert's hours in the workbench, in Chromium, done with the keyboard: claim from the job board, rank,
 * score, write the rationales (reloading half-way and finding the draft, then losing the connection for a
 * while), critique, see the problems beside their fields, submit; then the recorded session replays what was
 * typed, nothing lost to the reload or the dropped connection.
 */
@ExtendWith({SharedStack.class, FailureScreenshots.class})
class WorkbenchInTheBrowserTest {

    private static final String GOOD = "Up to 4 g a day for a healthy adult, in doses at least four hours apart; "
            + "less with liver disease or heavy drinking. Watch for nausea, yellow skin or eyes: signs of liver damage.";
    private static final String HARMFUL = "Take as much as you need; paracetamol is harmless at any dose.";

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

    /** About 30,000 words in under the 100,000 characters task-service takes for one response. */
    static String thirtyThousandWords() {
        String[] words = {"a", "of", "to", "in", "is", "it", "on", "be", "as", "at", "by", "we", "or", "an", "do", "so"};
        StringBuilder text = new StringBuilder("A long answer. ");
        for (int i = 0; i < 30_000; i++) {
            text.append(i == 15_000 ? "hepatotoxicity" : words[(i * 7 + i / 16) % words.length]);
            text.append(i % 150 == 149 ? "\n\n" : " ");
        }
        return text.toString().strip();
    }

    @Test
    void shouldLetAnExpertJudgeWithTheKeyboardKeepTheDraftAcrossAReloadAndReplayWhatWasTyped() {
        String admin = api.login(stack.adminEmail(), stack.adminPassword());
        String email = "judge-" + UUID.randomUUID() + "@browser.arbiter.local";
        String expertId = api.registerExpert(email, "Jo Judge");
        String expertToken = api.login(email, ApiSetup.PASSWORD);
        api.grant(admin, expertId, expertToken, "medicine", 2);
        String longText = thirtyThousandWords();
        String title = "Paracetamol dosing " + UUID.randomUUID().toString().substring(0, 8);
        api.publishedRankJob(admin, title, List.of(GOOD, longText, HARMFUL));

        Page page = browser.newPage(stack.gatewayUrl(), 1280, 900);
        page.navigate("/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(ApiSetup.PASSWORD);
        page.getByLabel("Password").press("Enter");

        Locator card = page.locator("li.card").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(card).isVisible();
        // 60.00 an hour at tier 2 (x1.25) is 75.00
        assertThat(card).containsText("$75.00");
        WebBrowser.screenshot(page, "10-job-board");
        card.getByRole(AriaRole.BUTTON).focus();
        page.keyboard().press("Enter");

        assertThat(page.locator("arbiter-response-pane")).hasCount(3);
        String taskPath = (String) page.evaluate("location.pathname");
        assertTrue(taskPath.startsWith("/workbench/"), taskPath);

        // first paint of the workbench, loaded afresh
        page.reload();
        assertThat(page.locator("arbiter-response-pane")).hasCount(3);
        Object fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime");
        Object ready = page.evaluate("performance.getEntriesByName('arbiter-workbench-ready')[0]?.startTime");
        System.out.printf("[browser] workbench first-contentful-paint %s ms; task and responses on screen at %s ms%n", fcp, ready);

        Map<String, String> labelOf = new HashMap<>();
        for (Locator pane : page.locator("arbiter-response-pane").all()) {
            String label = (String) pane.evaluate("e => e.label");
            String text = (String) pane.evaluate("e => e.text");
            labelOf.put(text.equals(GOOD) ? "good" : text.equals(HARMFUL) ? "harmful" : "long", label);
        }
        String good = labelOf.get("good");
        String lengthy = labelOf.get("long");
        String harmful = labelOf.get("harmful");
        WebBrowser.screenshot(page, "11-workbench-fresh");

        measureScrolling(page, lengthy);
        // find in the long response
        Locator find = page.getByLabel("Find in response " + lengthy);
        find.focus();
        page.keyboard().type("hepatotoxicity");
        assertThat(page.locator("arbiter-response-pane mark.current")).hasCount(1);
        page.keyboard().press("Enter");

        Keyboard keys = page.keyboard();
        // ranking with the keyboard: good first, the long one second, the harmful one last
        rankWithKeys(page, List.of(good, lengthy, harmful));
        assertEquals(List.of(good, lengthy, harmful), ranking(page));

        // a score per response per dimension, typed into focused selects
        Map<String, String> scores = Map.of(good, "5", lengthy, "3", harmful, "1");
        for (String dimension : List.of("accuracy", "safety")) {
            for (Map.Entry<String, String> score : scores.entrySet()) {
                page.getByLabel("Score of " + score.getKey() + " on " + dimension).focus();
                keys.type(score.getValue());
            }
        }

        String accuracy = "Response " + good + " gives the labelled four gram ceiling and the liver caveat.";
        Locator accuracyField = page.locator("[id='rationale.accuracy']");
        accuracyField.focus();
        keys.type(accuracy.substring(0, 20), new Keyboard.TypeOptions().setDelay(25));
        assertThat(page.locator("[id='rationale.accuracy-count']")).containsText("/ 30 characters minimum");
        keys.type(accuracy.substring(20), new Keyboard.TypeOptions().setDelay(25));
        assertThat(page.locator("[id='rationale.accuracy-count']")).containsText("characters ✓");
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Draft saved"))).isVisible();
        WebBrowser.screenshot(page, "12-workbench-typing");

        // a reload half-way: the draft is back
        page.reload();
        assertThat(page.locator("[id='rationale.accuracy']")).hasValue(accuracy);
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Draft restored"))).isVisible();
        assertEquals(List.of(good, lengthy, harmful), ranking(page));
        assertThat(page.getByLabel("Score of " + harmful + " on safety")).hasValue("1");

        // on a tablet
        page.setViewportSize(834, 1112);
        WebBrowser.screenshot(page, "16-workbench-tablet");
        page.setViewportSize(1280, 900);

        // the connection drops while the expert writes: the recorder queues and says so, then catches up
        page.context().setOffline(true);
        String safety = "Response " + harmful + " invites an overdose; that is the gravest failure here.";
        page.locator("[id='rationale.safety']").focus();
        keys.type(safety, new Keyboard.TypeOptions().setDelay(10));
        assertThat(page.getByText("Connection lost: events are queued and will be sent.")).isVisible();
        page.context().setOffline(false);
        page.evaluate("window.dispatchEvent(new Event('online'))");
        assertThat(page.getByText("Connection lost: events are queued and will be sent.")).isHidden();

        // one critique, then submit: the missing one and the overall rationale are named beside their fields
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a critique")).focus();
        keys.press("Enter");
        assertThat(page.locator("#critique-0-label")).isFocused();
        page.locator("#critique-0-label").selectOption(harmful);
        page.locator("#critique-0-category").focus();
        keys.type("Un");
        page.locator("#critique-0-severity").focus();
        keys.type("C");
        page.locator("[id='critique.0.comment']").focus();
        keys.type("Claims any dose is harmless; paracetamol overdose destroys the liver.", new Keyboard.TypeOptions().setDelay(5));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit judgment")).focus();
        keys.press("Enter");
        assertThat(page.locator(".summary")).containsText("to fix before submitting");
        assertThat(page.locator("[id='err-overallRationale']")).isVisible();
        assertThat(page.locator("[id='err-critiques']")).containsText(lengthy);
        WebBrowser.screenshot(page, "13-workbench-problems");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a critique")).focus();
        keys.press("Enter");
        assertThat(page.locator("#critique-1-label")).hasValue(lengthy);
        page.locator("#critique-1-category").focus();
        keys.type("In");
        page.locator("#critique-1-severity").focus();
        keys.type("Ma");
        page.locator("[id='critique.1.comment']").focus();
        keys.type("Thirty thousand words bury the one caveat that matters.", new Keyboard.TypeOptions().setDelay(5));
        String overall = "Only " + good + " is both right and safe; " + harmful + " is dangerous.";
        page.locator("#overall").focus();
        keys.type(overall, new Keyboard.TypeOptions().setDelay(10));
        WebBrowser.screenshot(page, "14-workbench-complete");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit judgment")).focus();
        keys.press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Judgment submitted"))).isVisible();
        WebBrowser.screenshot(page, "15-submitted");

        // the recorded session replays the typed text, field by field
        String sessionId = given().baseUri(stack.gatewayUrl()).auth().oauth2(expertToken).get("/api/sessions/mine")
                .then().statusCode(200).extract().path("[0].id");
        await("replay").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath timeline = given().baseUri(stack.gatewayUrl()).auth().oauth2(expertToken)
                    .get("/api/sessions/" + sessionId + "/timeline").then().statusCode(200).extract().jsonPath();
            assertEquals(accuracy, lastText(timeline, "rationale.accuracy"));
            assertEquals(safety, lastText(timeline, "rationale.safety"));
            assertEquals(overall, lastText(timeline, "overall"));
            List<String> types = timeline.getList("events.type");
            assertTrue(types.contains("key") && types.contains("view") && types.contains("submit"), "event types " + types);
        });

        assertEquals(List.of(), browser.consoleErrors().stream().filter(WebBrowser::isNotAFailedRequest).toList(),
                "no script error and no Content-Security-Policy violation");
    }

    private static String lastText(JsonPath timeline, String field) {
        List<Map<String, Object>> steps = timeline.getList("replay.'" + field + "'");
        return steps == null || steps.isEmpty() ? null : String.valueOf(steps.get(steps.size() - 1).get("text"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ranking(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelector('arbiter-app').shadowRoot"
                + ".querySelector('arbiter-workbench').shadowRoot.querySelectorAll('ol.ranking li .lab')].map(e => e.textContent)");
    }

    /** Moves each label to its place with Alt+↑ on the focused entry. */
    private static void rankWithKeys(Page page, List<String> wanted) {
        for (int target = 0; target < wanted.size(); target++) {
            String label = wanted.get(target);
            int at = ranking(page).indexOf(label);
            page.locator("#rank-" + label).focus();
            for (int i = at; i > target; i--) {
                page.keyboard().press("Alt+ArrowUp");
            }
        }
    }

    /** Scrolls the long response for about two seconds and prints the frame intervals (a figure, not a test). */
    private static void measureScrolling(Page page, String label) {
        Object result = page.evaluate("label => new Promise(resolve => {"
                + " const pane = [...document.querySelector('arbiter-app').shadowRoot.querySelector('arbiter-workbench')"
                + "   .shadowRoot.querySelectorAll('arbiter-response-pane')].find(p => p.label === label);"
                + " const body = pane.shadowRoot.querySelector('.body');"
                + " const frames = []; let last = performance.now(); const start = last;"
                + " function step(now) { frames.push(now - last); last = now; body.scrollTop += 120;"
                + "   if (now - start < 2000) requestAnimationFrame(step); else { body.scrollTop = 0;"
                + "     frames.sort((a, b) => a - b);"
                + "     resolve({frames: frames.length, p50: frames[Math.floor(frames.length / 2)], p95: frames[Math.floor(frames.length * 0.95)],"
                + "       max: frames[frames.length - 1], scrollHeight: body.scrollHeight}); } }"
                + " requestAnimationFrame(step); })", label);
        System.out.println("[browser] scrolling the 30,000-word response: " + result);
    }
}
