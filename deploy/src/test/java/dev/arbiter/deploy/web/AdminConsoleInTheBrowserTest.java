package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admins in Chromium: a session flagged by the real signal engine (a rationale pasted from outside the page
 * with no reading before it: input provenance and attention), its signals, replay and timeline, a
 * confirmation with a written reason, the expert's appeal decided by a second admin; payout batches under
 * four eyes; the ledger check.
 */
@ExtendWith(SharedStack.class)
class AdminConsoleInTheBrowserTest {

    /** About 300 words a response: enough for the reading signals to judge. */
    private static final String LONG_A = words("Paracetamol is metabolised in the liver and the labelled adult maximum is four grams", 20);
    private static final String LONG_B = words("Ibuprofen and paracetamol may be alternated in children under guidance from a clinician", 20);
    private static final String PASTED = "Having weighed the pharmacology carefully, option one reflects current consensus guidance "
            + "whereas option two contradicts established hepatic safety margins documented across multiple regulatory reviews.";
    private static final String PASTED_OVERALL = "Overall the first submission demonstrates superior clinical reliability, "
            + "thoroughness and patient safety awareness compared with its counterpart.";

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
    void shouldShowAFlaggedSessionsEvidenceAndReplayTakeADecisionAndLetASecondAdminDecideTheAppeal() {
        int errorsBefore = browser.consoleErrors().size();
        String admin = api.admin();
        String labEmail = "lab-" + UUID.randomUUID() + "@browser.arbiter.local";
        api.register(labEmail, "LAB", "Lab Lead", "Flag Lab " + UUID.randomUUID());
        String lab = api.login(labEmail, StackApi.PASSWORD);
        String jobId = api.pairwiseJob(lab, "Long answers");
        String items = "{\"externalId\":\"long-1\",\"prompt\":\"Compare these dosing notes.\",\"responses\":[{\"id\":\"a\",\"text\":\""
                + LONG_A + "\"},{\"id\":\"b\",\"text\":\"" + LONG_B + "\"}]}\n";
        api.as(lab).contentType("application/x-ndjson").body(items.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201);
        api.fund(admin, lab, 100_000);
        api.publish(lab, jobId);

        // the expert writes nothing, reads nothing: one typed phrase, then the rest pasted from outside, at once
        String expert = api.qualifiedExpert(admin, "medicine", 1);
        var claim = api.as(expert).body(Map.of("jobId", jobId)).post("/api/tasks/claim").then().statusCode(200).extract();
        String taskId = claim.path("taskId");
        String sessionId = claim.path("sessionId");
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Map.of("t", 0, "type", "focus"));
        events.add(Map.of("t", 300, "type", "input", "field", "rationale.accuracy", "pos", 0, "del", 0, "ins", "In my view "));
        events.add(Map.of("t", 310, "type", "key", "field", "rationale.accuracy", "count", 11, "intervalsMs", List.of()));
        events.add(Map.of("t", 600, "type", "paste", "field", "rationale.accuracy", "pos", 11, "text", PASTED, "source", "external"));
        events.add(Map.of("t", 900, "type", "paste", "field", "overall", "pos", 0, "text", PASTED_OVERALL, "source", "external"));
        events.add(Map.of("t", 1200, "type", "submit"));
        api.as(expert).body(Map.of("seq", 0, "events", events)).post("/api/sessions/" + sessionId + "/events").then().statusCode(202);
        api.judge(expert, taskId, List.of("accuracy"), "In my view " + PASTED, PASTED_OVERALL);

        // finalised after the late-batch grace (30 s) by the stack's finaliser
        await("the session is finalised").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> !List.of("OPEN", "CLOSED").contains(
                        api.as(admin).get("/api/sessions/" + sessionId).then().statusCode(200).extract().<String>path("state")));
        assertEquals("FLAGGED", api.as(admin).get("/api/sessions/" + sessionId).then().extract().path("state"),
                () -> "signals: " + api.as(admin).get("/api/sessions/" + sessionId).asString());

        Page page = browser.newPage(SharedStack.handle().gatewayUrl(), 1280, 900);
        LabConsoleInTheBrowserTest.signIn(page, SharedStack.handle().adminEmail(), SharedStack.handle().adminPassword());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Flagged sessions")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Work sessions"))).isVisible();
        page.locator("a[href='/admin/sessions/" + sessionId + "']").click();
        assertThat(page.locator("#session-state")).hasText("FLAGGED");
        assertTrue(page.locator("#signals tbody tr", new Page.LocatorOptions().setHasText("Fired")).count() >= 2, "two fired signals");
        assertThat(page.locator("#signals")).containsText("Input provenance");
        assertThat(page.locator("#signals")).containsText("Attention");
        // the replay marks the pasted spans in words; the pasted text is shown as text
        assertThat(page.locator(".replay-text mark.external").first()).containsText("pasted from outside");
        assertThat(page.locator(".replay-text mark.external").first()).containsText("Having weighed the pharmacology");
        assertThat(page.locator(".replay-text").first()).containsText("In my view ");
        WebBrowser.screenshot(page, "admin-01-flagged-session-signals");
        page.locator("#h-replay").evaluate("e => e.scrollIntoView({block: 'start'})");
        WebBrowser.screenshot(page, "admin-02-flagged-session-replay");
        // scrubbing back to the first edit: only the typed phrase
        page.locator("#replay-position").press("Home");
        page.locator("#replay-position").press("ArrowRight");
        assertThat(page.getByText("Edit 1 of 3")).isVisible();
        assertThat(page.locator(".replay-text mark.external")).hasCount(0);
        page.getByText("Timeline (").click();
        assertThat(page.locator("#timeline")).containsText("characters pasted (from outside)");

        // a decision needs a choice and a written reason
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Choose a decision.");
        page.getByLabel("Confirm: misconduct", new Page.GetByLabelOptions().setExact(false)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Write the reason");
        page.getByLabel("Reason").fill("The rationale was pasted whole from outside the page, before any reading.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision")).click();
        assertThat(page.locator("#decision-note")).containsText("CONFIRMED");
        assertThat(page.locator("#session-state")).hasText("CONFIRMED");
        WebBrowser.screenshot(page, "admin-03-confirmed");

        // the expert appeals; the confirming admin is not offered the appeal decision
        api.as(expert).body(Map.of("statement", "I pasted my own notes, written before the session."))
                .post("/api/sessions/" + sessionId + "/appeal").then().statusCode(201);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Appeals")).click();
        page.locator("a[href='/admin/sessions/" + sessionId + "']").click();
        assertThat(page.getByText("You confirmed this session, so another admin decides its appeal.")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision"))).hasCount(0);

        String second = api.secondAdmin(admin);
        Page other = browser.newPage(SharedStack.handle().gatewayUrl(), 820, 1180);
        LabConsoleInTheBrowserTest.signIn(other, second, StackApi.PASSWORD);
        other.navigate("/admin/appeals");
        other.locator("a[href='/admin/sessions/" + sessionId + "']").click();
        assertThat(other.locator("#session-state")).hasText("CONFIRMED");
        other.getByLabel("Overturn: clear the session").check();
        other.getByLabel("Reason").fill("The notes predate the session.");
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision")).click();
        assertThat(other.locator("#session-state")).hasText("CLEARED");
        WebBrowser.screenshot(other, "admin-04-appeal-overturned-tablet");

        List<String> errors = browser.consoleErrors();
        assertEquals(List.of(), errors.subList(errorsBefore, errors.size()).stream().filter(e -> !e.contains("401")).toList(),
                "no script error and no Content-Security-Policy violation");
    }

    @Test
    void shouldCheckTheLedgerAndApproveAPayoutBatchCreatedByAnotherAdmin() {
        String admin = api.admin();
        Page page = browser.newPage(SharedStack.handle().gatewayUrl(), 1280, 900);
        LabConsoleInTheBrowserTest.signIn(page, SharedStack.handle().adminEmail(), SharedStack.handle().adminPassword());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ledger")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the ledger now")).click();
        assertThat(page.locator("#ledger-result")).containsText("Balanced");
        WebBrowser.screenshot(page, "admin-05-ledger-check");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Payouts")).click();
        int status = api.as(admin).get("/api/admin/payouts/batches").statusCode();
        if (status == 404 || status == 405) {
            assertThat(page.locator("#batches-unavailable")).containsText("not available on this server yet");
            WebBrowser.screenshot(page, "admin-06-payouts-unavailable");
        }
        assumeTrue(status == 200, "payout batches are not on this branch yet (GET /api/admin/payouts/batches answered "
                + status + "); the page shows its 'not available yet' state, checked above");

        // pay to pay out, then a second admin creates the batch; the first approves it in the page
        api.expertWithPayablePay(admin);
        String secondEmail = api.secondAdmin(admin);
        String second = api.login(secondEmail, StackApi.PASSWORD);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        var created = api.as(second).header("Idempotency-Key", "browser-batch-" + UUID.randomUUID())
                .body(Map.of("periodEnd", today)).post("/api/admin/payouts/batches").then().statusCode(201).extract();
        String batchId = created.path("id");
        // its creator cannot approve it, whatever a client sends, and their page never offers it
        api.as(second).post("/api/admin/payouts/batches/" + batchId + "/approve").then().statusCode(403);
        Page creator = browser.newPage(SharedStack.handle().gatewayUrl(), 1280, 900);
        LabConsoleInTheBrowserTest.signIn(creator, secondEmail, StackApi.PASSWORD);
        creator.navigate("/admin/payouts");
        creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open " + batchId.substring(0, 8))).click();
        assertThat(creator.locator("#batch-status")).hasText("DRAFT");
        assertThat(creator.getByText("You created this batch; a second admin approves it (four eyes).")).isVisible();
        assertThat(creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve this batch"))).hasCount(0);
        WebBrowser.screenshot(creator, "admin-07-own-batch-no-approve");

        page.reload();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open " + batchId.substring(0, 8))).click();
        assertThat(page.locator("#batch-status")).hasText("DRAFT");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve this batch")).click();
        assertThat(page.locator("#batch-status")).hasText("APPROVED");
        WebBrowser.screenshot(page, "admin-08-batch-approved");
        Download csv = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download the CSV for the bank")).click());
        try {
            assertTrue(Files.readString(csv.path(), StandardCharsets.UTF_8).startsWith("payee,"), "the CSV's header");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        // the settlement: the one line paid
        page.getByLabel("Outcome for", new Page.GetByLabelOptions().setExact(false)).first().selectOption("PAID");
        page.getByLabel("Bank reference for", new Page.GetByLabelOptions().setExact(false)).first().fill("WIRE-1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the settlement")).click();
        assertThat(page.locator("#payout-note")).containsText("Settlement recorded");
        assertThat(page.locator("#open-batch")).containsText("PAID");
    }

    private static String words(String sentence, int times) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < times; i++) {
            text.append(sentence).append(" in case ").append(i + 1).append(". ");
        }
        return text.toString().trim();
    }
}
