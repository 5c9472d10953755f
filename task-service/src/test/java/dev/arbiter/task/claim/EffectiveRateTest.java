package dev.arbiter.task.claim;

import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.proto.tasks.v1.WorkSessionOpened;
import dev.arbiter.task.session.service.SessionFinaliser;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a session pays is fixed when it opens: the expert's job board and claim answer state the effective rate
 * (the job's 4500 × their tier's multiplier), the session row keeps the rate and multiplier, every opening (claim,
 * revision, QA review) is reported as {@code WorkSessionOpened} with the cap, and finalising reports the
 * session's own multiplier, not today's.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class EffectiveRateTest {

    @Inject
    AgroalDataSource db;
    @Inject
    SessionFinaliser finaliser;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final String admin = TestJwt.admin(UUID.randomUUID());

    @Test
    void shouldShowEachExpertTheRateOfTheirOwnTierAndFixItOnTheSession() throws Exception {
        String domain = uniqueDomain();
        UUID tier1 = UUID.randomUUID();
        UUID tier2 = UUID.randomUUID();
        qualify(db, tier1, domain, 1);
        qualify(db, tier2, domain, 2);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 2, 2); // 4500 an hour, 10 minutes expected

        given().auth().oauth2(TestJwt.expert(tier2)).get("/api/jobs").then().statusCode(200)
                .body("find { it.id == '" + job + "' }.tier", equalTo(2))
                .body("find { it.id == '" + job + "' }.effectiveHourlyRate.amountMinor", equalTo(5625))
                .body("find { it.id == '" + job + "' }.effectiveHourlyRate.currency", equalTo("USD"))
                .body("find { it.id == '" + job + "' }.hourlyRate.amountMinor", equalTo(4500));
        given().auth().oauth2(TestJwt.expert(tier1)).get("/api/jobs/" + job).then().statusCode(200)
                .body("tier", equalTo(1)).body("effectiveHourlyRate.amountMinor", equalTo(4500));
        // the lab sees its job without an expert's figures
        given().auth().oauth2(lab).get("/api/jobs/" + job).then().statusCode(200)
                .body("tier", nullValue()).body("effectiveHourlyRate", nullValue());

        JsonPath claim = given().auth().oauth2(TestJwt.expert(tier2)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200)
                .body("effectiveHourlyRate.amountMinor", equalTo(5625)).body("effectiveHourlyRate.currency", equalTo("USD"))
                .body("tierMultiplier", equalTo(1.25f)).extract().jsonPath();
        String task = claim.getString("taskId");
        String session = claim.getString("sessionId");
        assertEquals(List.of(List.of(4500L, 2, 12500)), query(db,
                "select hourly_rate_minor, expert_tier, tier_multiplier_bp from work_session where id = ?::uuid", session));

        WorkSessionOpened opened = opened(session);
        assertEquals(WorkSessionKind.WORK_SESSION_KIND_CLAIM, opened.getKind());
        assertEquals(task, opened.getTaskId());
        assertEquals(job.toString(), opened.getJobId());
        assertEquals(tier2.toString(), opened.getExpertId());
        assertEquals(2, opened.getExpertTier());
        assertEquals(12500, opened.getTierMultiplierBp());
        assertEquals(4500, opened.getHourlyRateMinor());
        assertEquals("USD", opened.getCurrency());
        assertEquals(1200, opened.getCapSeconds());
        assertEquals(tier2.toString(), key(session), "keyed by the expert, like the rest of their session's events");
        String org = (String) query(db, "select organization_id::text from job where id = ?", job).get(0).get(0);
        assertEquals(org, opened.getOrganizationId());

        // the multiplier table changed after the claim (simulated on the row): finalising reports the session's own
        update(db, "update work_session set tier_multiplier_bp = 11000 where id = ?::uuid", session);
        given().auth().oauth2(TestJwt.expert(tier2)).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201);
        update(db, "update work_session set opened_at = opened_at - interval '31 seconds', closed_at = closed_at - "
                + "interval '31 seconds' where id = ?::uuid", session);
        for (int run = 0; run < 10 && finalised(session) == null; run++) {
            finaliser.finaliseDue().await().atMost(Duration.ofMinutes(2));
        }
        SessionWork work = finalised(session);
        assertTrue(work != null, "session " + session + " was not finalised");
        assertEquals(11000, work.getTierMultiplierBp());
        assertEquals(2, work.getExpertTier());
        assertEquals(4500, work.getHourlyRateMinor());
    }

    @Test
    void shouldReportEverySessionThatOpensARevisionAndAReviewToo() throws Exception {
        String domain = uniqueDomain();
        UUID author = UUID.randomUUID();
        UUID reviewer = UUID.randomUUID();
        qualify(db, author, domain, 1);
        qualify(db, reviewer, domain, 3);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        String task = given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200)
                .body("tierMultiplier", equalTo(1.0f)).extract().path("taskId");
        String judgmentId = given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON)
                .body(judgment(List.of("A", "B"), -1)).post("/api/tasks/" + task + "/judgment").then().statusCode(201)
                .extract().path("judgmentId");

        // an expert reviewer's session: reported once, however often the queue hands them the judgment
        String review = given().auth().oauth2(TestJwt.expert(reviewer)).get("/api/reviews/next").then().statusCode(200)
                .body("judgmentId", equalTo(judgmentId)).extract().path("sessionId");
        given().auth().oauth2(TestJwt.expert(reviewer)).get("/api/reviews/next").then().statusCode(200)
                .body("sessionId", equalTo(review));
        WorkSessionOpened reviewOpened = opened(review);
        assertEquals(1, openedCount(review));
        assertEquals(WorkSessionKind.WORK_SESSION_KIND_REVIEW, reviewOpened.getKind());
        assertEquals("", reviewOpened.getTaskId());
        assertEquals(3, reviewOpened.getExpertTier());
        assertEquals(15000, reviewOpened.getTierMultiplierBp());
        assertEquals(1200, reviewOpened.getCapSeconds());
        assertEquals(List.of(List.of(4500L, 3, 15000)), query(db,
                "select hourly_rate_minor, expert_tier, tier_multiplier_bp from work_session where id = ?::uuid", review));

        // sent back: the author's revision session, at the tier the task was claimed at
        given().auth().oauth2(TestJwt.expert(reviewer)).contentType(ContentType.JSON)
                .body(Map.of("decision", "REVISE", "strengths", "Clear.", "issues", "Say why B is wrong."))
                .post("/api/reviews/" + judgmentId).then().statusCode(201);
        String revision = (String) query(db, "select id::text from work_session where task_id = ?::uuid and kind = 'REVISION'",
                task).get(0).get(0);
        WorkSessionOpened revisionOpened = opened(revision);
        assertEquals(WorkSessionKind.WORK_SESSION_KIND_REVISION, revisionOpened.getKind());
        assertEquals(task, revisionOpened.getTaskId());
        assertEquals(1, revisionOpened.getExpertTier());
        assertEquals(10000, revisionOpened.getTierMultiplierBp());
        assertEquals(author.toString(), key(revision));
    }

    WorkSessionOpened opened(String sessionId) throws Exception {
        for (EventEnvelope e : openedEvents()) {
            if (e.getWorkSessionOpened().getSessionId().equals(sessionId)) {
                return e.getWorkSessionOpened();
            }
        }
        throw new AssertionError("no WorkSessionOpened for " + sessionId);
    }

    long openedCount(String sessionId) throws Exception {
        return openedEvents().stream().filter(e -> e.getWorkSessionOpened().getSessionId().equals(sessionId)).count();
    }

    List<EventEnvelope> openedEvents() throws Exception {
        List<EventEnvelope> out = new ArrayList<>();
        for (List<Object> row : query(db, "select payload from outbox_message where event_type = 'WORK_SESSION_OPENED'")) {
            out.add(EventEnvelope.parseFrom((byte[]) row.get(0)));
        }
        return out;
    }

    String key(String sessionId) throws Exception {
        for (List<Object> row : query(db, "select message_key, payload from outbox_message where event_type = 'WORK_SESSION_OPENED'")) {
            if (EventEnvelope.parseFrom((byte[]) row.get(1)).getWorkSessionOpened().getSessionId().equals(sessionId)) {
                return (String) row.get(0);
            }
        }
        throw new AssertionError("no WorkSessionOpened for " + sessionId);
    }

    SessionWork finalised(String sessionId) throws Exception {
        for (List<Object> row : query(db, "select payload from outbox_message where event_type in "
                + "('WORK_SESSION_VERIFIED', 'WORK_SESSION_FLAGGED')")) {
            EventEnvelope e = EventEnvelope.parseFrom((byte[]) row.get(0));
            SessionWork work = e.hasWorkSessionVerified() ? e.getWorkSessionVerified().getWork()
                    : e.getWorkSessionFlagged().getWork();
            if (work.getSessionId().equals(sessionId)) {
                return work;
            }
        }
        return null;
    }
}
