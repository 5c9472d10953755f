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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.ExpertQualified;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.proto.qualification.v1.Tier;
import dev.arbiter.proto.tasks.v1.ExpertQualityMeasured;
import dev.arbiter.task.claim.service.LeaseSweeper;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** task-service measures experts' quality and reports it; qualification-service decides the tier moves. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class TierMoveTest {

    @Inject
    AgroalDataSource db;

    @Inject
    LeaseSweeper sweeper;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldReportQualityFactsAfterEachDecisionAndLeaveTheTierToQualificationService() throws Exception {
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
        // Ten accepted judgments used to promote here; now the tier is qualification-service's to move.
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/tasks/quality").then().statusCode(200)
                .body("[0].tier", equalTo(1)).body("[0].acceptanceRate", equalTo(1.0f)).body("[0].decidedJudgments", equalTo(10));
        assertEquals(1, count(db, "select tier from expert_domain where expert_id = ? and domain = ?", expert, domain));
        // every item judged and accepted: the job is complete
        given().auth().oauth2(lab).get("/api/jobs/" + job).then().statusCode(200).body("status", equalTo("COMPLETED"));

        List<ExpertQualityMeasured> reported = new ArrayList<>();
        for (List<Object> row : query(db, "select payload from outbox_message where event_type = 'EXPERT_QUALITY_MEASURED' "
                + "and message_key = ? order by id", expert.toString())) {
            reported.add(EventEnvelope.parseFrom((byte[]) row.get(0)).getExpertQualityMeasured());
        }
        assertEquals(10, reported.size(), "one report per review decision");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                reported.stream().map(ExpertQualityMeasured::getDecidedJudgments).toList());
        ExpertQualityMeasured last = reported.get(9);
        assertEquals(domain, last.getDomain());
        assertEquals(1.0, last.getAcceptanceRate());
        assertEquals(1.0, last.getQualityScore());
        assertFalse(last.hasGoldAccuracy(), "no gold items: no gold accuracy, rather than a zero");
        assertFalse(last.hasConsensusAgreement(), "one judgment per item: no peers to agree with");
        assertTrue(last.hasMeasuredAt());
        assertEquals(0, count(db, "select count(*) from outbox_message where message_key = ? and event_type not in "
                + "('EXPERT_QUALITY_MEASURED', 'JUDGMENT_SUBMITTED', 'JUDGMENT_REVIEWED', 'WORK_SESSION_OPENED', 'WORK_SESSION_CLOSED')", expert.toString()));

        // The tier moves when qualification-service says so.
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("qualification.events.v1", KafkaTestClient.envelope("qualification-service", expert.toString())
                    .setExpertQualified(ExpertQualified.newBuilder().setExpertId(expert.toString()).setDomain(domain)
                            .setTier(Tier.TIER_2).setSource(QualificationSource.QUALIFICATION_SOURCE_QUALITY).setVersion(2)
                            .setReason("quality 1.00 over 10 judgments decided since the last change"))
                    .build());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.expert(expert)).get("/api/tasks/quality").then().body("[0].tier", equalTo(2)));
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
