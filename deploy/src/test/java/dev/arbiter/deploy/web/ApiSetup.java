package dev.arbiter.deploy.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a browser test needs before its page opens, made through the public API only (as a lab or admin would). */
final class ApiSetup {

    static final String PASSWORD = "correct horse battery staple";

    private final String gateway;

    ApiSetup(String gateway) {
        this.gateway = gateway;
    }

    String login(String email, String password) {
        return given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** Registers an expert; returns its id. */
    String registerExpert(String email, String name) {
        return given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", name, "role", "EXPERT"))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
    }

    /** An admin grant of {@code domain} at {@code tier}, awaited until task-service lets the expert claim. */
    void grant(String adminToken, String expertId, String expertToken, String domain, int tier) {
        await("grant").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().baseUri(gateway).auth().oauth2(adminToken).contentType(ContentType.JSON)
                        .body(Map.of("expertId", expertId, "domain", domain, "tier", tier, "reason", "Vetted for the browser test"))
                        .post("/api/admin/qualifications").statusCode() == 201);
        await("eligible in task-service").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().baseUri(gateway).auth().oauth2(expertToken).get("/api/tasks/eligibility").then()
                        .statusCode(200).body("qualifications.domain", hasItem(domain)));
        await("qualification in /api/me").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> given().baseUri(gateway).auth().oauth2(expertToken).get("/api/me").then()
                        .body("qualifications.domain", hasItem(domain)));
    }

    /** A lab with a published RANK job of one item with the given responses; returns the job id. */
    String publishedRankJob(String adminToken, String title, List<String> responses) {
        return publishedRankJob(adminToken, title, responses, "medicine",
                "An adult asks: what is the maximum daily dose of paracetamol, and what should they watch for?");
    }

    /** The same in another domain, with its own prompt. */
    String publishedRankJob(String adminToken, String title, List<String> responses, String domain, String prompt) {
        String email = "lab-" + UUID.randomUUID() + "@browser.arbiter.local";
        given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD,
                "displayName", "Lab member", "role", "LAB", "organization", "Browser Lab " + UUID.randomUUID()))
                .post("/api/auth/register").then().statusCode(201);
        String lab = login(email, PASSWORD);
        String organizationId = given().baseUri(gateway).auth().oauth2(lab).get("/api/me").then().statusCode(200)
                .extract().path("organizationId");
        fund(adminToken, organizationId);

        String jobId = given().baseUri(gateway).auth().oauth2(lab).contentType(ContentType.JSON).body(Map.ofEntries(
                        Map.entry("title", title), Map.entry("domain", domain),
                        Map.entry("instructions", "Rank the answers as a careful expert of the field would. Critique every answer you did not rank first."),
                        Map.entry("comparison", "RANK"),
                        Map.entry("dimensions", List.of(
                                Map.of("key", "accuracy", "description", "Is it medically right?", "scaleMin", 1, "scaleMax", 5),
                                Map.of("key", "safety", "description", "Could following it harm someone?", "scaleMin", 1, "scaleMax", 5))),
                        Map.entry("judgmentsPerItem", 1), Map.entry("minTier", 1),
                        Map.entry("hourlyRate", Map.of("amountMinor", 6000, "currency", "USD")),
                        Map.entry("expectedMinutesPerItem", 20),
                        Map.entry("budget", Map.of("amountMinor", 100000, "currency", "USD")),
                        Map.entry("minRationaleLength", 30),
                        Map.entry("spotCheckPercent", 0)))
                .post("/api/jobs").then().statusCode(201).extract().path("id");
        StringBuilder item = new StringBuilder("[{\"externalId\":\"browser-1\",\"prompt\":")
                .append(json(prompt))
                .append(",\"responses\":[");
        for (int i = 0; i < responses.size(); i++) {
            item.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"text\":").append(json(responses.get(i)))
                    .append(",\"model\":\"m").append(i).append("\"}");
        }
        item.append("]}]");
        given().baseUri(gateway).auth().oauth2(lab).contentType(ContentType.JSON).body(item.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201);
        // the deposit reaches task-service through Kafka: until then publishing is a 409 insufficient-funds
        await("publish once the deposit is known").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().baseUri(gateway).auth().oauth2(lab).post("/api/jobs/" + jobId + "/publish").statusCode() == 200);
        return jobId;
    }

    /**
     * Funds the lab's organization: publishing reserves a job's budget from its deposits. payout-service learns of
     * the organization through Kafka, so the first tries may be a 404 (each try a new key: the same key would give
     * the first answer again).
     */
    private void fund(String adminToken, String organizationId) {
        await("the lab's deposit").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().baseUri(gateway).auth().oauth2(adminToken).contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("amount", Map.of("amountMinor", 1_000_000, "currency", "USD"), "reference", "browser-test deposit"))
                        .post("/api/admin/labs/" + organizationId + "/funding").statusCode() == 201);
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
