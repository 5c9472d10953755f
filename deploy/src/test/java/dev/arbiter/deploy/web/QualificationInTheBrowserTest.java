package dev.arbiter.deploy.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The qualification gate in Chromium, with no grant: an expert registers, writes three questions that stump the
 * panel, an admin reviews each answer key blind in the console (the domain has no qualified experts yet, so one
 * admin review makes a key valid), the expert sees themself qualified and claims a task of that domain (minimum tier 1).
 */
@ExtendWith({SharedStack.class, FailureScreenshots.class})
class QualificationInTheBrowserTest {

    /** No other browser test qualifies anyone here, so each key needs one admin review. */
    private static final String DOMAIN = "literature";

    private static WebBrowser browser;
    private static ApiSetup api;
    private static SharedStack.Handle stack;

    record Question(String prompt, String reference, String why) {
    }

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
    void shouldQualifyAnExpertByQuestionsReviewedInTheAdminConsoleAndLetThemClaim() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Question> questions = List.of(
                new Question("Which shelf mark did the archivists of the Quillmere reading room give the first folio of ledger " + run + "?",
                        "QM-17-" + run, "The shelf list of the reading room records it; nobody outside the archive has it."),
                new Question("In the unpublished Varnholt saga, transcribed as manuscript " + run + ", what does the ferryman call his third daughter?",
                        "Eskelin", "Only the transcription of the manuscript names her, in its fourth chapter."),
                new Question("What colour of cloth did the Oakhollow bindery choose for the suppressed second printing numbered " + run + "?",
                        "Heron grey", "The bindery's order book, never digitised, gives the cloth for that printing."));

        // An expert registers in the browser...
        Page expert = browser.newPage(stack.gatewayUrl(), 1280, 900);
        String email = "qualifier-" + UUID.randomUUID() + "@browser.arbiter.local";
        expert.navigate("/");
        expert.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
        expert.getByLabel("a domain expert (I judge model answers)").check();
        expert.getByLabel("Your name").fill("Rhea Scholar");
        expert.getByLabel("Email").fill(email);
        expert.getByLabel("Password").fill(ApiSetup.PASSWORD);
        expert.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(expert.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Job board"))).isVisible();

        // ...and writes three questions that stump the panel.
        for (Question question : questions) {
            expert.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Qualification").setExact(true)).click();
            expert.getByLabel("Domain").selectOption(DOMAIN);
            assertThat(expert.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("attempts left"))).isVisible();
            expert.getByLabel("Question", new Page.GetByLabelOptions().setExact(true)).fill(question.prompt());
            expert.getByLabel("Exact answer (a word, name or short phrase)").check();
            expert.getByLabel("Reference answer", new Page.GetByLabelOptions().setExact(true)).fill(question.reference());
            expert.getByLabel("Why this is the answer").fill(question.why());
            submitUntilTaken(expert);
            assertThat(expert.locator(".badge")).hasText("Awaiting review", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        }
        expert.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Qualification").setExact(true)).click();
        expert.getByLabel("Domain").selectOption(DOMAIN);
        assertThat(expert.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("valid questions")))
                .containsText("0 of 3 valid questions");
        WebBrowser.screenshot(expert, "30-qualification-three-questions");

        // An admin reviews the keys in the console: the answer first, blind, then the key, then the verdict.
        Page admin = browser.newPage(stack.gatewayUrl(), 1280, 900);
        LabConsoleInTheBrowserTest.signIn(admin, stack.adminEmail(), stack.adminPassword());
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Answer keys")).click();
        admin.getByLabel("Domain to review").selectOption(DOMAIN);
        int reviewed = 0;
        while (reviewed < 10) {
            Locator nothingLeft = admin.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Nothing to review"));
            Locator blind = admin.getByLabel("Your answer (before you see the key)");
            admin.waitForCondition(() -> nothingLeft.isVisible() || blind.isVisible());
            if (nothingLeft.isVisible()) {
                break;
            }
            String prompt = admin.locator(".card .answer").first().textContent();
            String answer = questions.stream().filter(q -> prompt.contains(q.prompt())).map(Question::reference).findFirst()
                    .orElse("I do not know");
            blind.fill(answer);
            Locator showKey = admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show me the key"));
            if (showKey.isVisible()) {
                showKey.click();
            }
            assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your verdict on the key"))).isVisible();
            if (reviewed == 0) {
                WebBrowser.screenshot(admin, "31-admin-key-review");
            }
            admin.getByLabel("The reference answer is correct").check();
            admin.getByLabel("The question has one unambiguous answer").check();
            admin.getByLabel("It takes real expertise to answer").check();
            admin.getByLabel("Comment").fill("Checked against the archive's own records.");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the review")).click();
            assertThat(admin.getByText("your review is recorded")).isVisible();
            reviewed++;
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review another")).click();
        }
        assertTrue(reviewed >= 3, "the admin reviewed " + reviewed + " keys");

        // The expert is qualified by their questions, and the job board offers a task of the domain.
        expert.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Qualification").setExact(true)).click();
        Locator standing = expert.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("valid questions"));
        // the standing follows the reviews through the evaluation sweep: poll it by time (up to 2 min, a reload a
        // second), not by a count of reloads, which a busy CI machine ran through in 20 s before the sweep came round
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (!standing.textContent().contains("Qualified") && System.nanoTime() < deadline) {
            expert.waitForTimeout(1000);
            expert.reload();
            expert.getByLabel("Domain").selectOption(DOMAIN);
            assertThat(standing).containsText("valid questions");
        }
        // the tier follows how strongly the questions stumped the panel
        assertThat(standing).containsText(java.util.regex.Pattern.compile("Qualified, tier [1-3]\\."));
        assertThat(standing).containsText("3 of 3 valid questions");
        WebBrowser.screenshot(expert, "32-qualified-by-questions");

        String title = "Close reading " + UUID.randomUUID().toString().substring(0, 8);
        api.publishedRankJob(api.login(stack.adminEmail(), stack.adminPassword()), title,
                List.of("The narrator is unreliable from the first page.", "The narrator is a ghost."), DOMAIN,
                "Who tells the story in The Turn of the Screw, and can we trust her?");
        expert.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Jobs").setExact(true)).click();
        Locator card = expert.locator("li.card").filter(new Locator.FilterOptions().setHasText(title));
        for (int attempt = 0; attempt < 30 && !card.isVisible(); attempt++) {
            expert.reload();
            expert.waitForCondition(() -> expert.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Job board")).isVisible());
            try {
                card.waitFor(new Locator.WaitForOptions().setTimeout(2_000));
            } catch (PlaywrightException notYet) {
                // task-service learns of the qualification from Kafka
            }
        }
        card.getByRole(AriaRole.BUTTON).click();
        assertThat(expert.locator("arbiter-response-pane")).hasCount(2);
        assertTrue(String.valueOf(expert.evaluate("location.pathname")).startsWith("/workbench/"));
        WebBrowser.screenshot(expert, "33-claimed-after-qualifying");

        assertEquals(List.of(), browser.consoleErrors().stream().filter(WebBrowser::isNotAFailedRequest).toList(),
                "no script error and no Content-Security-Policy violation");
    }

    /** qualification-service learns of a new expert from Kafka: the first submissions may be refused, so retried. */
    private static void submitUntilTaken(Page page) {
        for (int attempt = 0; attempt < 20 && !String.valueOf(page.evaluate("location.pathname")).contains("/questions/"); attempt++) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit to the panel")).click();
            try {
                page.waitForURL("**/qualification/questions/**", new Page.WaitForURLOptions().setTimeout(2000));
            } catch (PlaywrightException stillRefused) {
                // retried
            }
        }
        assertTrue(String.valueOf(page.evaluate("location.pathname")).contains("/qualification/questions/"));
    }
}
