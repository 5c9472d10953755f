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
public final class StackApi {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Duration KAFKA = Duration.ofSeconds(60);

    private final String gateway;

    public StackApi(String gateway) {
        this.gateway = gateway;
    }

    public RequestSpecification as(String token) {
        return given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON);
    }

    public RequestSpecification anyone() {
        return given().baseUri(gateway).contentType(ContentType.JSON);
    }

    /** Registers an account and returns its id. */
    public String register(String email, String role, String displayName, String organization) {
        Map<String, Object> body = organization == null
                ? Map.of("email", email, "password", PASSWORD, "displayName", displayName, "role", role)
                : Map.of("email", email, "password", PASSWORD, "displayName", displayName, "role", role, "organization", organization);
        return anyone().body(body).post("/api/auth/register").then().statusCode(201).extract().path("id");
    }

    public String login(String email, String password) {
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
    public void fund(String adminToken, String labToken, long amountMinor) {
        String organizationId = as(labToken).get("/api/me").then().statusCode(200).extract().path("organizationId");
        await("payout-service knows the organization").atMost(KAFKA).pollInterval(Duration.ofMillis(500))
                .until(() -> as(adminToken).header("Idempotency-Key", "browser-" + UUID.randomUUID())
                        .body(Map.of("amount", Map.of("amountMinor", amountMinor, "currency", "USD"), "reference", "Browser test wire"))
                        .post("/api/admin/labs/" + organizationId + "/funding").statusCode() == 201);
    }

    /** An expert granted {@code domain} at {@code tier}, once task-service knows it; returns the access token. */
    public String qualifiedExpert(String adminToken, String domain, int tier) {
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
    public void publish(String labToken, String jobId) {
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

    /**
     * An expert with payable pay of at least the default minimum payout (5000 minor units): 20 s of recorded
     * work on a job paying 1,200,000 minor units an hour, the judgment accepted by a reviewer, the session
     * finalised and accrued. Active time cannot run ahead of the clock, so the expert's 20 s are real seconds.
     * Returns the expert's access token.
     */
    String expertWithPayablePay(String adminToken) {
        String labEmail = "paylab-" + UUID.randomUUID() + "@browser.arbiter.local";
        register(labEmail, "LAB", "Pay Lab", "Pay Lab " + UUID.randomUUID());
        String lab = login(labEmail, PASSWORD);
        String jobId = as(lab).body(Map.ofEntries(
                        Map.entry("title", "Paid work"), Map.entry("domain", "medicine"),
                        Map.entry("instructions", "Prefer the safer answer."), Map.entry("comparison", "PAIRWISE"),
                        Map.entry("dimensions", List.of(Map.of("key", "accuracy", "description", "Is it right?", "scaleMin", 1, "scaleMax", 5))),
                        Map.entry("judgmentsPerItem", 1), Map.entry("minTier", 1),
                        Map.entry("hourlyRate", Map.of("amountMinor", 1_200_000, "currency", "USD")),
                        Map.entry("expectedMinutesPerItem", 10),
                        // the budget covers the worst case of a live lease and one more claim (2 x 20 min x the rate x 1.5),
                        // so payout-service does not report it exhausted (which would pause the job) before the claim
                        Map.entry("budget", Map.of("amountMinor", 2_000_000, "currency", "USD")), Map.entry("spotCheckPercent", 0)))
                .post("/api/jobs").then().statusCode(201).extract().path("id");
        as(lab).contentType("application/x-ndjson").body(("{\"prompt\":\"Max adult paracetamol a day?\",\"responses\":["
                        + "{\"id\":\"a\",\"text\":\"4 g.\"},{\"id\":\"b\",\"text\":\"10 g.\"}]}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/jobs/" + jobId + "/items").then().statusCode(201);
        fund(adminToken, lab, 3_000_000);
        publish(lab, jobId);
        String expert = qualifiedExpert(adminToken, "medicine", 1);
        String reviewer = qualifiedExpert(adminToken, "medicine", 3);
        var claim = as(expert).body(Map.of("jobId", jobId)).post("/api/tasks/claim").then().statusCode(200).extract();
        String taskId = claim.path("taskId");
        String sessionId = claim.path("sessionId");
        long started = System.nanoTime();
        await("the expert works for 20 s").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - started >= Duration.ofSeconds(21).toNanos());
        String text = "Four grams is the labelled adult maximum.";
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        events.add(Map.of("t", 0, "type", "focus"));
        for (int i = 0; i < 20; i++) {
            int t = 500 + i * 1000;
            int from = i * 2, to = Math.min(text.length(), from + 2);
            if (from < text.length()) {
                events.add(Map.of("t", t, "type", "input", "field", "rationale.accuracy", "pos", from, "del", 0, "ins", text.substring(from, to)));
                events.add(Map.of("t", t + 10, "type", "key", "field", "rationale.accuracy", "count", to - from, "intervalsMs", List.of(180)));
            } else {
                events.add(Map.of("t", t, "type", "view", "label", "A", "from", 0, "to", 1));
            }
        }
        as(expert).body(Map.of("seq", 0, "events", events)).post("/api/sessions/" + sessionId + "/events").then().statusCode(202);
        String judgmentId = judge(expert, taskId, List.of("accuracy"), text, "The first answer is the safe one.");
        // the review queue may hold other tests' judgments first: the reviewer accepts until ours is done
        await("our judgment accepted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var next = as(reviewer).get("/api/reviews/next");
            if (next.statusCode() != 200) {
                return false;
            }
            String id = next.path("judgmentId");
            as(reviewer).body(Map.of("decision", "ACCEPT", "strengths", "Sound.", "issues", "None."))
                    .post("/api/reviews/" + id).then().statusCode(201);
            return judgmentId.equals(id);
        });
        try {
            await("the pay is payable").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        var me = as(expert).get("/api/payouts/me");
                        return me.statusCode() == 200 && me.jsonPath().getLong("payable.amountMinor") >= 5000;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no payable pay of 5000 after 150 s; the session: "
                    + as(adminToken).get("/api/sessions/" + sessionId).asString() + "; the expert's pay: "
                    + as(expert).get("/api/payouts/me").asString(), e);
        }
        return expert;
    }
}
