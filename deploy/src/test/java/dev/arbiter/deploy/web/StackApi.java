package dev.arbiter.deploy.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The setup the console tests need, done through the public API as a script would: accounts, a lab's
 * funded job, a qualified expert. Every wait for another service to hear of something (through Kafka) is
 * a bounded poll.
 */
final class StackApi {

    static final String PASSWORD = "correct horse battery staple";
    private static final Duration KAFKA = Duration.ofSeconds(60);

    private final String gateway;

    StackApi(String gateway) {
        this.gateway = gateway;
    }

    RequestSpecification as(String token) {
        return given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON);
    }

    RequestSpecification anyone() {
        return given().baseUri(gateway).contentType(ContentType.JSON);
    }

    /** Registers an account and returns its id. */
    String register(String email, String role, String displayName, String organization) {
        Map<String, Object> body = organization == null
                ? Map.of("email", email, "password", PASSWORD, "displayName", displayName, "role", role)
                : Map.of("email", email, "password", PASSWORD, "displayName", displayName, "role", role, "organization", organization);
        return anyone().body(body).post("/api/auth/register").then().statusCode(201).extract().path("id");
    }

    String login(String email, String password) {
        return anyone().body(Map.of("email", email, "password", password)).post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    String admin() {
        SharedStack.Handle h = SharedStack.handle();
        return login(h.adminEmail(), h.adminPassword());
    }

    /** A second admin, created by the bootstrap admin (four-eyes rules need two). Returns its email. */
    String secondAdmin(String adminToken) {
        String email = "admin2-" + UUID.randomUUID() + "@browser.arbiter.local";
        as(adminToken).body(Map.of("email", email, "password", PASSWORD, "displayName", "Second Admin"))
                .post("/api/admin/accounts").then().statusCode(201);
        return email;
    }

    /** Records a deposit for the lab's organization once payout-service knows it. */
    void fund(String adminToken, String labToken, long amountMinor) {
        String organizationId = as(labToken).get("/api/me").then().statusCode(200).extract().path("organizationId");
        await("payout-service knows the organization").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                .until(() -> as(adminToken).header("Idempotency-Key", "browser-" + UUID.randomUUID())
                        .body(Map.of("amount", Map.of("amountMinor", amountMinor, "currency", "USD"), "reference", "Browser test wire"))
                        .post("/api/admin/labs/" + organizationId + "/funding").statusCode() == 201);
    }

    /** An expert granted {@code domain} at {@code tier}, once task-service knows it; returns the access token. */
    String qualifiedExpert(String adminToken, String domain, int tier) {
        String email = "expert-" + UUID.randomUUID() + "@browser.arbiter.local";
        String id = register(email, "EXPERT", "Browser Expert", null);
        String token = login(email, PASSWORD);
        await("grant").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                .until(() -> as(adminToken).body(Map.of("expertId", id, "domain", domain, "tier", tier, "reason", "Vetted for a browser test"))
                        .post("/api/admin/qualifications").statusCode() == 201);
        await("eligible in task-service").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> as(token).get("/api/tasks/eligibility").then().statusCode(200)
                        .body("qualifications.domain", hasItem(domain)));
        return token;
    }

    /** Publishes once task-service has heard of the deposit. */
    void publish(String labToken, String jobId) {
        await("publish once the deposit is known").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                .until(() -> as(labToken).post("/api/jobs/" + jobId + "/publish").statusCode() == 200);
    }

    /** A pairwise medicine job with one dimension, {@code accuracy} 1–5. */
    String pairwiseJob(String labToken, String title) {
        return as(labToken).body(Map.ofEntries(
                        Map.entry("title", title), Map.entry("domain", "medicine"),
                        Map.entry("instructions", "Prefer the answer a clinician would sign."), Map.entry("comparison", "PAIRWISE"),
                        Map.entry("dimensions", List.of(Map.of("key", "accuracy", "description", "Is it right?", "scaleMin", 1, "scaleMax", 5))),
                        Map.entry("judgmentsPerItem", 1), Map.entry("minTier", 1),
                        Map.entry("hourlyRate", Map.of("amountMinor", 6000, "currency", "USD")),
                        Map.entry("expectedMinutesPerItem", 10),
                        Map.entry("budget", Map.of("amountMinor", 50_000, "currency", "USD")), Map.entry("spotCheckPercent", 0)))
                .post("/api/jobs").then().statusCode(201).extract().path("id");
    }

    /** Submits a judgment preferring A, the same rationale on every dimension; returns the judgment id. */
    String judge(String expertToken, String taskId, List<String> dimensions, String rationale, String overall) {
        Map<String, Integer> high = new java.util.LinkedHashMap<>();
        Map<String, Integer> low = new java.util.LinkedHashMap<>();
        Map<String, String> rationales = new java.util.LinkedHashMap<>();
        for (String d : dimensions) {
            high.put(d, 5);
            low.put(d, 2);
            rationales.put(d, rationale);
        }
        return as(expertToken).body(Map.of("ranking", List.of("A", "B"), "preferenceStrength", -2,
                        "scores", Map.of("A", high, "B", low), "rationales", rationales,
                        "critiques", List.of(Map.of("label", "B", "category", "FACTUAL_ERROR", "severity", "MAJOR",
                                "comment", "Gives a dose far above the safe limit.")),
                        "overallRationale", overall))
                .post("/api/tasks/" + taskId + "/judgment").then().statusCode(201).extract().path("judgmentId");
    }
}
