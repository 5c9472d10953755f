package dev.arbiter.task.quality;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.task.claim.service.LeaseSweeper;
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

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class TierMoveTest {

    @Inject
    AgroalDataSource db;

    @Inject
    LeaseSweeper sweeper;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldPromoteAnExpertWhoseJudgmentsAreConsistentlyAcceptedAndEmitTheTierChange() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 10, 2);
        UUID expert = UUID.randomUUID();
        UUID reviewer = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        qualify(db, reviewer, domain, 3);
        for (int i = 0; i < 10; i++) {
            String task = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                    .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
            String judgment = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                    .body(judgment(List.of("A", "B"), -2)).post("/api/tasks/" + task + "/judgment").then().statusCode(201)
                    .extract().path("judgmentId");
            given().auth().oauth2(TestJwt.expert(reviewer)).contentType(ContentType.JSON)
                    .body(Map.of("decision", "ACCEPT", "strengths", "Careful.", "issues", "None."))
                    .post("/api/reviews/" + judgment).then().statusCode(201);
        }
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/tasks/quality").then().statusCode(200)
                .body("[0].tier", equalTo(2)).body("[0].acceptanceRate", equalTo(1.0f)).body("[0].decidedJudgments", equalTo(10));
        // every item judged and accepted: the job is complete
        given().auth().oauth2(lab).get("/api/jobs/" + job).then().statusCode(200).body("status", equalTo("COMPLETED"));
        byte[] payload = (byte[]) query(db, "select payload from outbox_message where event_type = 'EXPERT_TIER_CHANGED' "
                + "and message_key = ?", expert.toString()).get(0).get(0);
        EventEnvelope envelope = EventEnvelope.parseFrom(payload);
        assertEquals(1, envelope.getExpertTierChanged().getPreviousTier());
        assertEquals(2, envelope.getExpertTierChanged().getTier());
        assertEquals(domain, envelope.getExpertTierChanged().getDomain());
    }

    @Test
    void shouldSweepExpiredLeasesBackToOpenSlotsAndCloseTheirSessions() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        String task = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
        update(db, "update item_slot set lease_expires_at = now() - interval '1 second' where task_id = ?::uuid", task);
        sweeper.sweepOnce().await().indefinitely();
        assertEquals(1, count(db, "select count(*) from item_slot where job_id = ? and state = 'OPEN'", job));
        assertEquals("EXPIRED", query(db, "select state from task where id = ?::uuid", task).get(0).get(0));
        assertEquals(1, count(db, "select count(*) from work_session where task_id = ?::uuid and close_reason = 'EXPIRED'", task));
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(409);
    }
}
