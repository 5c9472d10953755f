package dev.arbiter.task.session;

import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Active time is computed once per session and read by everyone: the lab's {@code spent} and the
 * {@code WorkSessionClosed} events (which pay will accrue from) agree, for a claim and a revision alike.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class WorkSessionTimeTest {

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final String admin = TestJwt.admin(UUID.randomUUID());

    @Test
    void shouldChargeTheLabExactlyTheActiveTimeThatTheClosedSessionsReportIncludingARevision() throws Exception {
        String domain = uniqueDomain();
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2); // 4500 minor per hour, 10 minutes expected
        String token = TestJwt.expert(expert);
        String task = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
        // the expert has worked 7 minutes on the claim when they submit
        openedMinutesAgo(task, 7);
        String judgmentId = given().auth().oauth2(token).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201).extract().path("judgmentId");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("decision", "REVISE", "strengths", "Clear.", "issues", "Say why B is wrong."))
                .post("/api/reviews/" + judgmentId).then().statusCode(201);
        // the revision opened a session of its own; 3 minutes later the expert resubmits
        openedMinutesAgo(task, 3);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -2))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201);

        List<Long> reported = closedSessionSeconds(task);
        assertEquals(2, reported.size());
        assertEquals(420, reported.get(0), 2);
        assertEquals(180, reported.get(1), 2);
        long stored = ((Number) query(db, "select sum(active_seconds) from work_session where task_id = ?::uuid", task)
                .get(0).get(0)).longValue();
        assertEquals(reported.get(0) + reported.get(1), stored);
        // the lab's spent is the ledger's (payout-service's SessionPayChanged, PayoutEventsTest): nothing before pay
        int spent = given().auth().oauth2(lab).get("/api/jobs/" + job + "/progress").then().statusCode(200)
                .extract().path("spent.amountMinor");
        assertEquals(0, spent);
        assertEquals(List.of(List.of("CLAIM", "SUBMITTED"), List.of("REVISION", "SUBMITTED")),
                query(db, "select kind, close_reason from work_session where task_id = ?::uuid order by opened_at", task));
    }

    @Test
    void shouldGiveAnExpertReviewerASessionOfTheirOwnThatTheDecisionCloses() throws Exception {
        String domain = uniqueDomain();
        UUID author = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID expert : List.of(author, first, second)) {
            qualify(db, expert, domain, 1);
        }
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        String task = given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
        String judgmentId = given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON)
                .body(judgment(List.of("A", "B"), -1)).post("/api/tasks/" + task + "/judgment").then().statusCode(201)
                .extract().path("judgmentId");

        String firstSession = nextReviewSession(first, judgmentId);
        assertEquals(firstSession, nextReviewSession(first, judgmentId), "reloading the queue resumes the same session");
        String secondSession = nextReviewSession(second, judgmentId);
        given().auth().oauth2(admin).get("/api/reviews/next").then().statusCode(200).body("sessionId", nullValue());
        update(db, "update work_session set opened_at = now() - interval '4 minutes' where id = ?::uuid", firstSession);
        given().auth().oauth2(TestJwt.expert(first)).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT", "strengths", "Clear.", "issues", "None."))
                .post("/api/reviews/" + judgmentId).then().statusCode(201);

        assertEquals(List.of(List.of("REVIEW", "REVIEWED", true), List.of("REVIEW", "SUPERSEDED", true)),
                query(db, "select kind, close_reason, active_seconds between 238 and 242 or id <> ?::uuid from work_session "
                        + "where judgment_id = ?::uuid order by id = ?::uuid desc", firstSession, judgmentId, firstSession));
        EventEnvelope closed = closedEventOf(firstSession);
        assertEquals(WorkSessionKind.WORK_SESSION_KIND_REVIEW, closed.getWorkSessionClosed().getKind());
        assertEquals(judgmentId, closed.getWorkSessionClosed().getJudgmentId());
        assertEquals(first.toString(), closed.getWorkSessionClosed().getExpertId());
        assertEquals("", closed.getWorkSessionClosed().getTaskId());
        assertEquals(secondSession, closedEventOf(secondSession).getWorkSessionClosed().getSessionId());
    }

    String nextReviewSession(UUID reviewer, String judgmentId) {
        return given().auth().oauth2(TestJwt.expert(reviewer)).get("/api/reviews/next").then().statusCode(200)
                .body("judgmentId", equalTo(judgmentId)).body("sessionId", notNullValue()).extract().path("sessionId");
    }

    EventEnvelope closedEventOf(String sessionId) throws Exception {
        for (List<Object> row : query(db, "select payload from outbox_message where event_type = 'WORK_SESSION_CLOSED'")) {
            EventEnvelope envelope = EventEnvelope.parseFrom((byte[]) row.get(0));
            if (envelope.getWorkSessionClosed().getSessionId().equals(sessionId)) {
                return envelope;
            }
        }
        throw new AssertionError("no WorkSessionClosed for session " + sessionId);
    }

    /** Moves the task's open session back in time, as if the expert had opened it that long ago. */
    void openedMinutesAgo(String task, int minutes) {
        assertEquals(1, update(db, "update work_session set opened_at = now() - make_interval(mins => ?) "
                + "where task_id = ?::uuid and state = 'OPEN'", minutes, task));
    }

    List<Long> closedSessionSeconds(String task) throws Exception {
        List<Long> seconds = new ArrayList<>();
        for (List<Object> row : query(db, "select payload from outbox_message where event_type = 'WORK_SESSION_CLOSED' "
                + "order by created_at")) {
            EventEnvelope envelope = EventEnvelope.parseFrom((byte[]) row.get(0));
            if (envelope.getWorkSessionClosed().getTaskId().equals(task)) {
                seconds.add(envelope.getWorkSessionClosed().getActiveSeconds());
            }
        }
        return seconds;
    }
}
