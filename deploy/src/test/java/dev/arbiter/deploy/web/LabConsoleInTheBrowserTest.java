package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lab in Chromium: builds a rubric and creates a job, uploads items (a bad line listed), meets the
 * insufficient-funds 409 in words, publishes once funded, watches an expert's judgments arrive in the
 * progress, and downloads an export with the provenance filter.
 */
@ExtendWith(SharedStack.class)
class LabConsoleInTheBrowserTest {

    private static WebBrowser browser;
    private static StackApi api;

    @BeforeAll
    static void openTheBrowser() {
        assumeTrue(SharedStack.handle().skipReason() == null, SharedStack.handle().skipReason());
        browser = new WebBrowser();
        api = new StackApi(SharedStack.handle().gatewayUrl());
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldCreateAJobUploadItemsPublishWatchProgressAndDownloadAnExport() throws IOException {
        String email = "lab-" + UUID.randomUUID() + "@browser.arbiter.local";
        api.register(email, "LAB", "Lab Lead", "Browser Lab " + UUID.randomUUID());
        String labToken = api.login(email, StackApi.PASSWORD);
        String admin = api.admin();

        Page page = browser.newPage(SharedStack.handle().gatewayUrl(), 1280, 900);
        List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onResponse(r -> {
            if (r.status() >= 400) {
                failed.add(r.status() + " " + r.request().method() + " " + r.url());
            }
        });
        signIn(page, email);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your jobs"))).isVisible();
        assertThat(page.locator("#lab-balance")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a job")).first().click();

        // the rubric builder: two dimensions, the second with a key the server refuses first
        page.getByLabel("Title").fill("Dosage answers <b>bold</b>");
        page.getByLabel("Domain").selectOption("medicine");
        page.getByLabel("Comparison").selectOption("PAIRWISE");
        page.getByLabel("Instructions for experts").fill("Prefer the answer a clinician would sign.");
        page.locator("#dim-desc-0").fill("Is it medically right?");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a dimension")).click();
        page.locator("#dim-key-1").fill("Bad Key");
        page.locator("#dim-desc-1").fill("Is it easy to follow?");
        page.getByLabel("Judgments per item").fill("1");
        page.getByLabel("Hourly rate (USD)").fill("60.00");
        page.getByLabel("Budget (USD)").fill("500.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the job as a draft")).click();
        Locator alert = page.getByRole(AriaRole.ALERT);
        assertThat(alert).containsText("dimensions[1].key");
        assertThat(page.locator("#dim-key-1")).hasAttribute("aria-invalid", "true");
        WebBrowser.screenshot(page, "lab-01-rubric-builder-invalid");
        page.locator("#dim-key-1").fill("clarity");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the job as a draft")).click();

        // the job page; the title is text, never markup
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dosage answers <b>bold</b>"))).isVisible();
        assertThat(page.locator("#job-status")).hasText("Draft");
        String jobId = page.evaluate("location.pathname.split('/').pop()").toString();

        // items: two good lines and one that is not JSON
        Path items = Files.createTempFile("items", ".ndjson");
        Files.writeString(items, item("x1", "Adult paracetamol maximum daily dose?", "4 g per day.", "10 g per day.") + "\n"
                + item("x2", "Child ibuprofen dose?", "10 mg/kg every 6 to 8 hours.", "As much as they like.") + "\n"
                + "{not json\n", StandardCharsets.UTF_8);
        page.getByLabel("Upload an items file").setInputFiles(items);
        assertThat(page.locator("#upload-result")).hasText("2 items accepted, 1 rejected.");
        assertThat(page.locator("#rejected-lines tbody tr")).hasCount(1);
        assertThat(page.locator("#rejected-lines tbody td").first()).hasText("3");
        assertThat(page.locator("#upload-progress")).hasJSProperty("value", 100);

        // publishing without a deposit: the 409 in words
        page.locator("#publish").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Not enough funds to publish");
        assertThat(page.locator("#job-status")).hasText("Draft");
        WebBrowser.screenshot(page, "lab-02-items-and-insufficient-funds");

        api.fund(admin, labToken, 100_000);
        // the deposit reaches task-service through Kafka: publish through the page until it is accepted
        Locator publish = page.locator("#publish");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"Published".equals(page.locator("#job-status").textContent()) && System.currentTimeMillis() < deadline) {
            publish.click();
            page.waitForCondition(() -> !publish.textContent().contains("Publishing"), new Page.WaitForConditionOptions().setTimeout(10_000));
        }
        assertThat(page.locator("#job-status")).hasText("Published");
        assertThat(page.locator("#pause")).isEnabled();

        // an expert judges both items
        String expert = api.qualifiedExpert(admin, "medicine", 1);
        for (int i = 0; i < 2; i++) {
            String taskId = api.as(expert).body(Map.of("jobId", jobId)).post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
            api.judge(expert, taskId, List.of("accuracy", "clarity"), "The first answer states the labelled dose.", "The first answer is safe; the second is not.");
        }
        // the page reads progress every 10 s
        assertThat(page.locator("#submitted")).hasText("2 of 2", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        page.locator("#h-progress").evaluate("e => e.scrollIntoView({block: 'start'})");
        WebBrowser.screenshot(page, "lab-03-progress-and-agreement");

        // the export: submitted judgments, all sessions (none is finalised yet)
        page.getByLabel("Format").selectOption("native");
        page.getByLabel("Judgments", new Page.GetByLabelOptions().setExact(true)).selectOption("submitted");
        page.getByLabel("Only verified work sessions").uncheck();
        Download download = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download the export")).click());
        List<String> rows = Files.readAllLines(download.path(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(2, rows.size(), "two judgments exported: " + rows);
        for (String row : rows) {
            JsonPath json = JsonPath.from(row);
            assertTrue(json.getMap("labels").size() == 2, row);
            assertTrue(List.of("OPEN", "CLOSED", "VERIFIED", "FLAGGED", "CLEARED").contains(json.getString("session_state")), row);
        }
        assertTrue(download.suggestedFilename().endsWith("-native.ndjson"), download.suggestedFilename());
        assertThat(page.locator("#export-note")).containsText("Downloaded");

        // with the provenance filter: only judgments whose sessions are VERIFIED or CLEARED
        page.getByLabel("Only verified work sessions").check();
        Download verified = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download the export")).click());
        for (String row : Files.readAllLines(verified.path(), StandardCharsets.UTF_8)) {
            if (!row.isBlank()) {
                assertTrue(List.of("VERIFIED", "CLEARED").contains(JsonPath.from(row).getString("session_state")), row);
            }
        }
        assertTrue(verified.suggestedFilename().endsWith("-native-verified.ndjson"), verified.suggestedFilename());

        page.locator("#pause").click();
        assertThat(page.locator("#job-status")).hasText("Paused");

        // the list, and the same pages on a tablet
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Your jobs")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dosage answers <b>bold</b>"))).isVisible();
        WebBrowser.screenshot(page, "lab-04-jobs");
        page.setViewportSize(820, 1180);
        page.navigate("/lab/jobs/" + jobId);
        assertThat(page.locator("#job-status")).hasText("Paused");
        WebBrowser.screenshot(page, "lab-05-job-tablet");

        // the refused calls above are the only failures; a 404 only from the lab balance while payout-service lacks it
        assertEquals(List.of(), failed.stream().filter(f -> f.startsWith("404") && !f.endsWith("/api/payouts/labs/me")).toList());
        assertEquals(List.of(), browser.consoleErrors().stream()
                        .filter(e -> !e.contains("status of 401") && !e.contains("status of 409") && !e.contains("status of 400")
                                && !(e.contains("status of 404") && failed.stream().anyMatch(f -> f.startsWith("404"))))
                        .toList(),
                "no script error and no Content-Security-Policy violation; failed calls: " + failed);
    }

    static void signIn(Page page, String email) {
        signIn(page, email, StackApi.PASSWORD);
    }

    static void signIn(Page page, String email, String password) {
        page.navigate("/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
    }

    private static String item(String id, String prompt, String good, String bad) {
        return "{\"externalId\":\"" + id + "\",\"prompt\":\"" + prompt + "\",\"responses\":[{\"id\":\"r-good\",\"text\":\"" + good
                + "\",\"model\":\"m1\"},{\"id\":\"r-bad\",\"text\":\"" + bad + "\",\"model\":\"m2\"}]}";
    }
}
