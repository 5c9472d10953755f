package dev.arbiter.qualification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.arbiter.proto.accounts.v1.DomainAdded;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** What the HTTP tests of questions and reviews share: bodies, submissions, domains of their own, qualified peers. */
public final class Fixtures {

    public static final UUID ADMIN = UUID.randomUUID();

    private Fixtures() {
    }

    /** A question no simulated model knows (each call its own), so every model that answers is wrong. */
    public static Map<String, Object> unknownExact(String domain, String topic) {
        Map<String, Object> body = new HashMap<>();
        body.put("domain", domain);
        body.put("prompt", "Which eponymous sign describes " + topic + " in patients with rare condition " + UUID.randomUUID() + "?");
        body.put("answerType", "EXACT");
        body.put("referenceAnswer", "Kussmaul sign");
        body.put("rationale", "Textbook eponym that general models confuse.");
        return body;
    }

    public static ValidatableResponse submit(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/qualification/questions").then();
    }

    public static JsonPath awaitStatus(String token, String id, Predicate<String> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().auth().oauth2(token).get("/api/qualification/questions/" + id).then()
                    .statusCode(200).extract().jsonPath();
            return done.test(last[0].getString("status"));
        });
        return last[0];
    }

    /** Submits a question and waits until it stumped the panel. */
    public static String awaitingReview(String author, Map<String, Object> body) {
        String id = submit(author, body).statusCode(202).body("status", equalTo("EVALUATING")).extract().path("id");
        awaitStatus(author, id, "AWAITING_REVIEW"::equals);
        return id;
    }

    /** A domain of the calling test alone, announced by marketplace-api: nobody is qualified in it yet. */
    public static String freshDomain() {
        String key = "d" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", key)
                    .setDomainAdded(DomainAdded.newBuilder().setKey(key).setName("Domain " + key)).build());
        }
        String anyone = TestJwt.expert(UUID.randomUUID());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(anyone).queryParam("domain", key).get("/api/qualification/status").statusCode() == 200);
        return key;
    }

    /** An expert qualified in the domain by an admin's grant (once qualification-service knows them). */
    public static UUID qualifiedExpert(String domain) {
        UUID expert = UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", expert.toString())
                    .setExpertRegistered(ExpertRegistered.newBuilder().setExpertId(expert.toString())
                            .setEmail(expert + "@example.org").setDisplayName("Peer")).build());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                        .body(Map.of("expertId", expert.toString(), "domain", domain, "tier", 2,
                                "reason", "Vetted for review duty"))
                        .post("/api/admin/qualifications").then().statusCode(201));
        return expert;
    }

    /** Step one of a review: the reviewer's answer before the key is shown. */
    public static ValidatableResponse blindAnswer(String token, String questionId, String answer) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("blindAnswer", answer))
                .post("/api/qualification/reviews/" + questionId + "/blind").then();
    }

    /** Step two: a verdict on the key. */
    public static ValidatableResponse verdict(String token, String questionId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/qualification/reviews/" + questionId).then();
    }

    public static Map<String, Object> approve() {
        return Map.of("referenceCorrect", true, "unambiguous", true, "expertLevel", true,
                "comment", "Key checked against the literature.");
    }
}
