package dev.arbiter.task.review;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A reviewer who judged an item (or holds a task on it now) has read it and formed a view: they are never offered,
 * and may not decide, another expert's judgment of the same item.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class ReviewIndependenceTest {

    static final Map<String, String> ACCEPT = Map.of("decision", "ACCEPT", "strengths", "Clear.", "issues", "None.");

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldNeitherOfferNorLetAReviewerDecideAJudgmentOfAnItemTheyJudged() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 2, 2, 2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        qualify(db, a, domain, 3);
        qualify(db, b, domain, 3);
        String mine = claimAndSubmit(a, job);
        UUID shared = itemOf(mine);
        // b judges both items; the judgment of the shared item is made the oldest in the queue
        String first = claimAndSubmit(b, job);
        String second = claimAndSubmit(b, job);
        String onShared = itemOf(first).equals(shared) ? first : second;
        String onOther = onShared.equals(first) ? second : first;
        assertNotEquals(shared, itemOf(onOther));
        update(db, "update judgment set submitted_at = now() - interval '1 hour' where id = ?::uuid", onShared);

        // a is offered b's judgment of the other item, never the one of the item a judged
        given().auth().oauth2(TestJwt.expert(a)).get("/api/reviews/next").then().statusCode(200)
                .body("judgmentId", equalTo(onOther));
        given().auth().oauth2(TestJwt.expert(a)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + onShared)
                .then().statusCode(403).contentType("application/problem+json").body("type", endsWith("/not-independent"));
        assertEquals("SUBMITTED", query(db, "select state from judgment where id = ?::uuid", onShared).get(0).get(0));
        assertEquals(0, count(db, "select count(*) from review where judgment_id = ?::uuid", onShared));
        given().auth().oauth2(TestJwt.expert(a)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + onOther)
                .then().statusCode(201);
        given().auth().oauth2(TestJwt.expert(a)).get("/api/reviews/next").then().statusCode(204);

        // a reviewer who judged neither item is offered the one a could not take, and decides it
        UUID reviewer = UUID.randomUUID();
        qualify(db, reviewer, domain, 3);
        String offered = given().auth().oauth2(TestJwt.expert(reviewer)).get("/api/reviews/next").then().statusCode(200)
                .extract().path("judgmentId");
        assertEquals(true, List.of(mine, onShared).contains(offered), offered);
        given().auth().oauth2(TestJwt.expert(reviewer)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + onShared)
                .then().statusCode(201);
    }

    @Test
    void shouldTreatAnExpertHoldingALeaseOnTheItemAsHavingJudgedItButNotOneWhoReleasedIt() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 2, 1, 2);
        UUID author = UUID.randomUUID();
        UUID holder = UUID.randomUUID();
        qualify(db, author, domain, 3);
        qualify(db, holder, domain, 3);
        String judgmentId = claimAndSubmit(author, job);
        String task = claim(holder, job);

        // judging the item now: seeing another expert's judgment of it would not be independent either
        given().auth().oauth2(TestJwt.expert(holder)).get("/api/reviews/next").then().statusCode(204);
        given().auth().oauth2(TestJwt.expert(holder)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + judgmentId)
                .then().statusCode(403).body("type", endsWith("/not-independent"));
        // released without judging: the item is theirs no more
        given().auth().oauth2(TestJwt.expert(holder)).post("/api/tasks/" + task + "/release").then().statusCode(204);
        given().auth().oauth2(TestJwt.expert(holder)).get("/api/reviews/next").then().statusCode(200)
                .body("judgmentId", equalTo(judgmentId));
    }

    private String claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
    }

    private String claimAndSubmit(UUID expert, UUID job) {
        String task = claim(expert, job);
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -2))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201).extract().path("judgmentId");
    }

    private UUID itemOf(String judgmentId) {
        return (UUID) query(db, "select item_id from judgment where id = ?::uuid", judgmentId).get(0).get(0);
    }
}
