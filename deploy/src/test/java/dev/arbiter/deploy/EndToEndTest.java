package dev.arbiter.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform as a user meets it: the local stack on a fresh data directory, every call
 * through the gateway only. Needs the four service jars, i.e. the full reactor build; skipped with
 * a message when they are missing (e.g. {@code mvn -pl deploy test} on its own).
 */
class EndToEndTest {

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static String skipReason;

    @BeforeAll
    static void startTheLocalStack() {
        Path repoRoot = LocalStack.detectRepoRoot();
        List<Path> missing = LocalStack.missingServiceJars(repoRoot);
        if (!missing.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the end-to-end test, but service jars are missing: " + missing);
        }
        if (!missing.isEmpty()) {
            skipReason = "Skipping the end-to-end test: service jars not built " + missing
                    + ". Run the full build from the repository root (mvn -B install).";
            System.out.println(skipReason);
            return;
        }
        stack = LocalStack.start(LocalStackOptions.builder()
                .dataDir(dataDir.resolve("arbiter"))
                .httpPort(0)
                .repoRoot(repoRoot)
                .readyTimeout(Duration.ofSeconds(180))
                .build());
        RestAssured.baseURI = stack.gatewayUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void requireTheServiceJars() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stopTheLocalStack() throws IOException {
        if (stack != null) {
            stack.close();
            keepTheLogs();
        }
    }

    /** The stack's logs outlive the temporary data directory, so a failed run can be read afterwards. */
    private static void keepTheLogs() throws IOException {
        Path logs = dataDir.resolve("arbiter").resolve("logs");
        Path kept = Path.of("target", "end-to-end-logs");
        Files.createDirectories(kept);
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void shouldCarryANewExpertFromRegistrationToAnEmptyPayoutAccount() {
        String email = "expert-" + UUID.randomUUID() + "@e2e.arbiter.local";
        String password = "correct horse battery staple";

        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", "Ada Expert", "role", "EXPERT"))
                .when().post("/api/auth/register")
                .then().statusCode(201).body("id", notNullValue())
                .extract().path("id");

        String token = login(email, password);

        given().auth().oauth2(token)
                .when().get("/api/me")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("displayName", equalTo("Ada Expert"))
                .body("roles", hasItem("EXPERT"));

        // ExpertRegistered has to cross Kafka (marketplace-api outbox -> payout-service inbox)
        // before payout-service knows this expert.
        await("payout account of the new expert").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().auth().oauth2(token).get("/api/payouts/me").statusCode() == 200);

        given().auth().oauth2(token)
                .when().get("/api/payouts/me")
                .then().statusCode(200)
                .body("currency", not(emptyString()))
                .body("pending.amountMinor", equalTo(0))
                .body("held.amountMinor", equalTo(0))
                .body("payable.amountMinor", equalTo(0))
                .body("paid.amountMinor", equalTo(0))
                .body("entries.size()", equalTo(0));
    }

    @Test
    void shouldLetTheBootstrapAdminLogInWithThePrintedCredentials() {
        String token = login(stack.adminEmail(), stack.adminPassword());

        given().auth().oauth2(token)
                .when().get("/api/me")
                .then().statusCode(200)
                .body("email", equalTo(stack.adminEmail()))
                .body("roles", hasItem("ADMIN"));
    }

    @Test
    void shouldCarryAnAdminGrantToTheExpertsProfileAndTaskEligibility() {
        String email = "vetted-" + UUID.randomUUID() + "@e2e.arbiter.local";
        String password = "correct horse battery staple";
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", "Vetted Expert", "role", "EXPERT"))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
        String expertToken = login(email, password);
        String adminToken = login(stack.adminEmail(), stack.adminPassword());

        // qualification-service learns of the expert from Kafka; until then the grant is a 404.
        await("qualification-service knows the expert").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                        .body(Map.of("expertId", id, "domain", "law", "tier", 2,
                                "reason", "Vetted bar member moving from our previous vendor"))
                        .post("/api/admin/qualifications").statusCode() == 201);

        // ExpertQualified crosses Kafka to marketplace-api (GET /api/me) and to task-service.
        await("qualification in /api/me").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().auth().oauth2(expertToken).get("/api/me").then()
                        .body("qualifications.domain", hasItem("law")));
        await("eligibility in task-service").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().auth().oauth2(expertToken).get("/api/tasks/eligibility").then()
                        .statusCode(200).body("qualifications.domain", hasItem("law")));

        // The expert cannot grant themself anything, whichever service they reach through the gateway.
        given().auth().oauth2(expertToken).contentType(ContentType.JSON)
                .body(Map.of("expertId", id, "domain", "finance", "tier", 3, "reason", "I promote myself today"))
                .post("/api/admin/qualifications").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(expertToken).get("/api/admin/ledger/verify").then().statusCode(403);
    }

    @Test
    void shouldQualifyAnExpertWhoseQuestionsStumpThePanelAndPassReview() {
        String email = "stumper-" + UUID.randomUUID() + "@e2e.arbiter.local";
        String password = "correct horse battery staple";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", "Grace Stumper", "role", "EXPERT"))
                .post("/api/auth/register").then().statusCode(201);
        String expert = login(email, password);
        String admin = login(stack.adminEmail(), stack.adminPassword());

        // Three unrelated questions no simulated model knows: each model answers wrongly.
        List<Map<String, Object>> questions = List.of(
                question("Which codename did the release engineers give the seventh database migration of the fixture catalogue?",
                        "zephyr-quokka"),
                question("What invented compiler flag disables the imaginary basilisk optimiser in our toy language?",
                        "--no-basilisk"),
                question("Which whimsical sorting routine is nicknamed the heron shuffle in the storybook algorithms primer?",
                        "Heronsort"));
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> q : questions) {
            // The author's first attempts wait until qualification-service knows the expert.
            await("question accepted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response r = given().auth().oauth2(expert).contentType(ContentType.JSON).body(q)
                        .post("/api/qualification/questions");
                if (r.statusCode() == 202) {
                    ids.add(r.path("id"));
                    return true;
                }
                return false;
            });
        }
        for (String id : ids) {
            await("panel verdict").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().auth().oauth2(expert).get("/api/qualification/questions/" + id).then()
                            .statusCode(200).body("status", equalTo("AWAITING_REVIEW")));
        }
        // Nobody is qualified in the domain yet, so an admin reviews the answer keys: blind first (the key
        // is not shown before), then the verdict. A blind answer that missed the key would not count.
        for (int i = 0; i < ids.size(); i++) {
            Response next = given().auth().oauth2(admin).queryParam("domain", "code").get("/api/qualification/reviews/next");
            next.then().statusCode(200).body("referenceAnswer", nullValue());
            String questionId = next.path("questionId");
            String prompt = next.path("prompt");
            String blind = questions.stream().filter(q -> q.get("prompt").equals(prompt))
                    .map(q -> (String) q.get("referenceAnswer")).findFirst().orElse("I would have to look it up");
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("referenceCorrect", true, "unambiguous", true, "expertLevel", true))
                    .post("/api/qualification/reviews/" + questionId).then().statusCode(409)
                    .body("type", endsWith("/blind-answer-required"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("blindAnswer", blind))
                    .post("/api/qualification/reviews/" + questionId + "/blind").then().statusCode(200)
                    .body("referenceAnswer", notNullValue());
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("referenceCorrect", true, "unambiguous", true, "expertLevel", true,
                            "comment", "Checked against the fixture catalogue."))
                    .post("/api/qualification/reviews/" + questionId).then().statusCode(201);
        }
        for (String id : ids) {
            given().auth().oauth2(expert).get("/api/qualification/questions/" + id).then().body("status", equalTo("VALID"));
        }
        // ExpertQualified crosses Kafka to marketplace-api.
        await("qualification in /api/me").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().auth().oauth2(expert).get("/api/me").then()
                        .body("qualifications.domain", hasItem("code")));
        given().auth().oauth2(expert).queryParam("domain", "code").get("/api/qualification/status").then()
                .statusCode(200).body("qualified", equalTo(true)).body("validQuestions", equalTo(3));
    }

    @Test
    void shouldCarryALabJobFromUploadThroughJudgmentAndReviewToItsExport() {
        String password = "correct horse battery staple";
        String lab = registerAndLogin("lab-" + UUID.randomUUID() + "@e2e.arbiter.local", password, "LAB",
                "E2E Lab " + UUID.randomUUID());
        String otherLab = registerAndLogin("other-" + UUID.randomUUID() + "@e2e.arbiter.local", password, "LAB",
                "Other Lab " + UUID.randomUUID());
        String admin = login(stack.adminEmail(), stack.adminPassword());
        String worker = qualifiedExpert("worker", password, admin, 2);
        String reviewer = qualifiedExpert("reviewer", password, admin, 3);

        String jobId = given().auth().oauth2(lab).contentType(ContentType.JSON).body(Map.ofEntries(
                        Map.entry("title", "Dosage answers"), Map.entry("domain", "medicine"),
                        Map.entry("instructions", "Prefer the answer a clinician would sign."),
                        Map.entry("comparison", "PAIRWISE"),
                        Map.entry("dimensions", List.of(Map.of("key", "accuracy", "description", "Is it medically right?",
                                "scaleMin", 1, "scaleMax", 5))),
                        Map.entry("judgmentsPerItem", 1), Map.entry("minTier", 1),
                        Map.entry("hourlyRate", Map.of("amountMinor", 6000, "currency", "USD")),
                        Map.entry("expectedMinutesPerItem", 10),
                        Map.entry("budget", Map.of("amountMinor", 100000, "currency", "USD")),
                        Map.entry("spotCheckPercent", 0)))
                .post("/api/jobs").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        String items = "{\"externalId\":\"e2e-1\",\"prompt\":\"Adult paracetamol maximum daily dose?\","
                + "\"responses\":[{\"id\":\"r-good\",\"text\":\"4 g per day for a healthy adult.\",\"model\":\"m1\"},"
                + "{\"id\":\"r-bad\",\"text\":\"10 g per day is fine.\",\"model\":\"m2\"}]}\n{not json\n";
        given().auth().oauth2(lab).contentType("application/x-ndjson").body(items.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201)
                .body("accepted", equalTo(1)).body("rejected[0].line", equalTo(2));
        // Publishing reserves the budget from the lab's deposits: none yet, so a clear 409.
        given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/insufficient-funds"));
        String organizationId = given().auth().oauth2(lab).get("/api/me").then().statusCode(200).extract().path("organizationId");
        // payout-service learns of the organization from Kafka; until then the deposit is a 404 (a new key each try:
        // the same key would give the first answer again).
        await("the deposit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .header("Idempotency-Key", "e2e-deposit-" + UUID.randomUUID())
                        .body(Map.of("amount", Map.of("amountMinor", 500_000, "currency", "USD"), "reference", "E2E wire 1"))
                        .post("/api/admin/labs/" + organizationId + "/funding").statusCode() == 201);
        // ...and the deposit reaches task-service through Kafka.
        await("publish once the deposit is known").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").statusCode() == 200);
        // Another organization cannot see it: 404, as if it did not exist.
        given().auth().oauth2(otherLab).get("/api/jobs/" + jobId).then().statusCode(404);
        given().auth().oauth2(otherLab).get("/api/jobs/" + jobId + "/export?format=trl").then().statusCode(404);

        Response task = given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("jobId", jobId))
                .post("/api/tasks/claim");
        task.then().statusCode(200).body("item.responses.size()", equalTo(2));
        String taskId = task.path("taskId");
        String firstText = task.path("item.responses[0].text");
        String good = firstText.startsWith("4 g") ? "A" : "B";
        String bad = good.equals("A") ? "B" : "A";
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of(
                        "ranking", List.of(good, bad), "preferenceStrength", good.equals("A") ? -3 : 3,
                        "scores", Map.of(good, Map.of("accuracy", 5), bad, Map.of("accuracy", 1)),
                        "rationales", Map.of("accuracy", "Four grams a day is the labelled adult maximum."),
                        "critiques", List.of(Map.of("label", bad, "quote", "10 g", "category", "FACTUAL_ERROR",
                                "severity", "CRITICAL", "comment", "Ten grams a day risks liver failure.")),
                        "overallRationale", "One answer is safe, the other would harm the patient."))
                .post("/api/tasks/" + taskId + "/judgment").then().statusCode(201);

        Response review = given().auth().oauth2(reviewer).get("/api/reviews/next");
        review.then().statusCode(200);
        given().auth().oauth2(reviewer).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT", "strengths", "Cites the labelled maximum.", "issues", "None worth noting."))
                .post("/api/reviews/" + review.path("judgmentId")).then().statusCode(201);

        // The lab sees its job's budget reserved from its balance (payout-service, from JobPublished).
        await("the reservation").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().auth().oauth2(lab).get("/api/payouts/labs/me").then().statusCode(200)
                        .body("balance.amountMinor", equalTo(400_000))
                        .body("jobs.find { it.jobId == '" + jobId + "' }.budget.amountMinor", equalTo(100_000)));
        // The session is finalised once its late-batch grace is over, then accrued; the accepted judgment makes its
        // line payable. (No events were recorded, so no active time: the line is there, for nothing.)
        await("the session's line on the expert's statement").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().auth().oauth2(worker).get("/api/payouts/me/statement").then().statusCode(200)
                        .body("lines.size()", equalTo(1)).body("lines[0].taskId", equalTo(taskId))
                        .body("lines[0].stage", equalTo("PAYABLE")).body("lines[0].jobTitle", equalTo("Dosage answers")));
        given().auth().oauth2(otherLab).get("/api/payouts/labs/me").then().statusCode(200)
                .body("jobs.jobId", org.hamcrest.Matchers.not(hasItem(jobId)));

        String export = given().auth().oauth2(lab).get("/api/jobs/" + jobId + "/export?format=trl&status=accepted")
                .then().statusCode(200).extract().asString();
        JsonPath row = JsonPath.from(export.lines().findFirst().orElseThrow());
        assertEquals("r-good", row.getString("chosen_id"));
        assertEquals("r-bad", row.getString("rejected_id"));
        assertEquals("Adult paracetamol maximum daily dose?", row.getString("prompt"));
    }

    /**
     * Every endpoint docs/API.md lists is in the gateway's one OpenAPI document with its method, so a
     * client generated from {@code GET /openapi} can call all of them. Path parameters are compared
     * by position, not name ({@code /api/jobs/{id}} is {@code /api/jobs/{jobId}}).
     */
    @Test
    void shouldDescribeEveryDocumentedEndpointInTheGatewaysOpenApiDocument() throws Exception {
        List<String> documented = documentedEndpoints(Files.readString(
                LocalStack.detectRepoRoot().resolve("docs/API.md"), StandardCharsets.UTF_8));
        assertTrue(documented.size() > 40, "docs/API.md's endpoint tables were read: " + documented);

        JsonPath openapi = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        Object missingServices = openapi.get("'x-arbiter-missing'");
        assertEquals(null, missingServices, "every service answered with its document");
        Set<String> served = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        paths.forEach((path, item) -> item.keySet().forEach(method -> served.add(method.toUpperCase(Locale.ROOT)
                + " " + normalisedPath(path))));

        List<String> missing = documented.stream().filter(endpoint -> !served.contains(endpoint)).toList();
        assertEquals(List.of(), missing, "documented in docs/API.md but missing from GET /openapi");
    }

    /** {@code GET /api/...} of each endpoint table row of the doc, less those it marks as not built. */
    static List<String> documentedEndpoints(String apiDoc) {
        Pattern row = Pattern.compile("^\\|\\s*`(GET|POST|PUT|PATCH|DELETE) (/api/[^`?\\s]*)[^`]*`");
        Set<String> endpoints = new LinkedHashSet<>();
        for (String line : apiDoc.lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.find() && !line.toLowerCase(Locale.ROOT).contains("not built")) {
                endpoints.add(m.group(1) + " " + normalisedPath(m.group(2)));
            }
        }
        return List.copyOf(endpoints);
    }

    private static String normalisedPath(String path) {
        return path.replaceAll("\\{[^}/]+}", "{}");
    }

    private static Map<String, Object> question(String prompt, String answer) {
        return Map.of("domain", "code", "prompt", prompt, "answerType", "EXACT", "referenceAnswer", answer,
                "rationale", "Only someone who maintains the fixtures would know it.");
    }

    private static String registerAndLogin(String email, String password, String role, String organization) {
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password, "displayName", role + " member",
                "role", role, "organization", organization)).post("/api/auth/register").then().statusCode(201);
        return login(email, password);
    }

    /** An expert granted medicine at {@code tier} by the admin, once task-service knows it. */
    private static String qualifiedExpert(String who, String password, String admin, int tier) {
        String email = who + "-" + UUID.randomUUID() + "@e2e.arbiter.local";
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", who, "role", "EXPERT"))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
        String token = login(email, password);
        await("grant").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body(Map.of("expertId", id, "domain", "medicine", "tier", tier, "reason", "Vetted for the e2e test"))
                        .post("/api/admin/qualifications").statusCode() == 201);
        await("eligible in task-service").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().auth().oauth2(token).get("/api/tasks/eligibility").then()
                        .statusCode(200).body("qualifications.domain", hasItem("medicine")));
        return token;
    }

    private static String login(String email, String password) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login");
        response.then().statusCode(200)
                .body("accessToken", not(emptyString()))
                .body("refreshToken", not(emptyString()))
                .body("expiresIn", greaterThan(0));
        return response.path("accessToken");
    }
}
