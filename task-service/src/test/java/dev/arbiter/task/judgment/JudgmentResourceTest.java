package dev.arbiter.task.judgment;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class JudgmentResourceTest {

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    String claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
    }

    @Test
    void shouldKeepADraftAndGiveItBackOnReloadToItsHolderOnly() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID expert = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        qualify(db, other, domain, 1);
        String task = claim(expert, job);
        Map<String, Object> draft = Map.of("ranking", List.of("B"), "rationales", Map.of("accuracy", "half-written"));
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(draft)
                .put("/api/tasks/" + task + "/draft").then().statusCode(204);
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/tasks/" + task).then().statusCode(200)
                .body("draft.rationales.accuracy", equalTo("half-written")).body("state", equalTo("LEASED"))
                .body("item.responses.size()", equalTo(2));
        // another expert neither sees nor overwrites it, nor submits or releases the task
        String stranger = TestJwt.expert(other);
        given().auth().oauth2(stranger).get("/api/tasks/" + task).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("ranking", List.of("A")))
                .put("/api/tasks/" + task + "/draft").then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -2))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(404);
        given().auth().oauth2(stranger).post("/api/tasks/" + task + "/release").then().statusCode(404);
        assertEquals("half-written", query(db, "select draft->'rationales'->>'accuracy' from task where id = ?::uuid", task)
                .get(0).get(0));
    }

    @Test
    void shouldAnswer400NamingEveryInvalidFieldAndChangeNothing() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        String task = claim(expert, job);
        Map<String, Object> bad = new HashMap<>(judgment(List.of("A", "B"), -2));
        bad.put("ranking", List.of("A", "A"));
        bad.put("preferenceStrength", 0);
        bad.put("scores", Map.of("A", Map.of("accuracy", 9, "clarity", 3), "B", Map.of("accuracy", 2.5, "clarity", 3)));
        bad.put("rationales", Map.of("accuracy", "short"));
        bad.put("overallRationale", "x".repeat(20_001));
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(bad)
                .post("/api/tasks/" + task + "/judgment").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("violations.find { it.field == 'scores.B.accuracy' }.message", equalTo(
                        "must be a whole number from 1 to 5"))
                .body("violations.field", hasItems("ranking", "preferenceStrength", "scores.A.accuracy", "scores.B.accuracy",
                        "rationales.accuracy", "rationales.clarity", "overallRationale"));
        // a strength that contradicts the ranking, and a missing critique of the losing response
        Map<String, Object> contradictory = new HashMap<>(judgment(List.of("A", "B"), 2));
        contradictory.put("critiques", List.of());
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(contradictory)
                .post("/api/tasks/" + task + "/judgment").then().statusCode(400)
                .body("violations.field", hasItems("preferenceStrength", "critiques"));
        // a quote that is not in the response
        Map<String, Object> misquoted = new HashMap<>(judgment(List.of("A", "B"), -1));
        misquoted.put("critiques", List.of(Map.of("label", "B", "quote", "never said", "category", "STYLE", "severity", "MINOR",
                "comment", "Invented.")));
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(misquoted)
                .post("/api/tasks/" + task + "/judgment").then().statusCode(400)
                .body("violations.field", hasItems("critiques[0].quote"));
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body("{\"ranking\": ")
                .post("/api/tasks/" + task + "/judgment").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, count(db, "select count(*) from judgment where task_id = ?::uuid", task));
        assertEquals("LEASED", query(db, "select state from task where id = ?::uuid", task).get(0).get(0));
    }

    @Test
    void shouldStoreAValidJudgmentInOriginalIdsCloseTheTaskAndEmitEvents() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "RANK", 2, 1, 3);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 2);
        String task = claim(expert, job);
        List<String> order = List.of(query(db, "select response_order::text from task where id = ?::uuid", task).get(0).get(0)
                .toString().replaceAll("[\\[\\]\" ]", "").split(","));
        Map<String, Object> body = new HashMap<>(judgment(List.of("C", "A", "B"), null));
        body.put("critiques", List.of(
                Map.of("label", "A", "quote", "Answer", "category", "INCOMPLETE", "severity", "MINOR", "comment", "Too short."),
                Map.of("label", "B", "category", "FACTUAL_ERROR", "severity", "CRITICAL", "comment", "Wrong.")));
        String judgmentId = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(body)
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201).body("judgmentId", notNullValue())
                .extract().path("judgmentId");
        List<Object> row = query(db, "select ranking->>0, ranking->>1, ranking->>2, critiques->0->>'responseId', expert_tier "
                + "from judgment where id = ?::uuid", judgmentId).get(0);
        assertEquals(List.of(order.get(2), order.get(0), order.get(1), order.get(0), 2), row);
        assertEquals("SUBMITTED", query(db, "select state from task where id = ?::uuid", task).get(0).get(0));
        assertEquals(1, count(db, "select count(*) from work_session where task_id = ?::uuid and closed_at is not null", task));
        assertEquals(1, count(db, "select count(*) from outbox_message where event_type = 'JUDGMENT_SUBMITTED' "
                + "and message_key = ?", expert.toString()));
        assertEquals(1, count(db, "select count(*) from outbox_message where event_type = 'WORK_SESSION_CLOSED' "
                + "and message_key = ?", expert.toString()));
        // the task is closed: a second submit and a release are refused
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(body)
                .post("/api/tasks/" + task + "/judgment").then().statusCode(409);
        given().auth().oauth2(TestJwt.expert(expert)).post("/api/tasks/" + task + "/release").then().statusCode(409);
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/tasks/mine").then().statusCode(200)
                .body("find { it.taskId == '" + task + "' }.judgmentState", equalTo("SUBMITTED"));
    }
}
