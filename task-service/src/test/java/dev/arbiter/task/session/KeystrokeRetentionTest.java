package dev.arbiter.task.session;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static dev.arbiter.task.session.EventJson.batch;
import static dev.arbiter.task.session.EventJson.ev;
import static dev.arbiter.task.session.EventJson.input;
import static dev.arbiter.task.session.EventJson.key;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.session.service.KeystrokeRetention;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Raw keystroke timing is kept apart from the log for the retention, then dropped by the retention job:
 * the summaries, the replayable text and the hash chain stay, and the database lets nothing else change.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class KeystrokeRetentionTest {

    static final String F = "rationale.accuracy";
    static final Duration RETENTION = Duration.ofDays(90);

    @Inject
    AgroalDataSource db;

    @Inject
    KeystrokeRetention retention;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldReduceRawTimingToSummariesAfterTheRetentionAndStillVerifyAndReplay() {
        String[] c = claim();
        String token = c[0];
        String session = c[1];
        post(token, session, batch(0, List.of(ev(100, "focus"), input(1_000, F, 0, 0, "B is right"),
                key(1_000, F, 10, List.of(100, 200, 300)))));
        post(token, session, batch(1, List.of(input(2_000, F, 10, 0, ", A is not"), key(2_000, F, 10, List.of(150, 90)))));
        post(token, session, batch(2, List.of(ev(3_000, "blur"))));
        assertEquals(List.of(List.of(0, true, true), List.of(1, true, true), List.of(2, false, false)),
                query(db, "select seq, timing is not null, timing_hash is not null from session_batch "
                        + "where session_id = ?::uuid order by seq", session));
        String digest = given().auth().oauth2(token).get("/api/sessions/" + session).then().statusCode(200)
                .body("integrity.intact", equalTo(true)).extract().path("digest");
        // while kept, readers see the raw intervals beside their summary
        given().auth().oauth2(token).get("/api/sessions/" + session + "/timeline").then().statusCode(200)
                .body("events[2].intervalsMs", contains(100, 200, 300)).body("events[2].timing.n", equalTo(3))
                .body("events[2].timing.sdMs", equalTo(81.6f)).body("events[4].intervalsMs", contains(150, 90));

        // not yet due: a day short of the retention, nothing is dropped
        assertEquals(2, held(session));
        retention.reduceDue(Instant.now().plus(RETENTION).minus(Duration.ofDays(1))).await().atMost(Duration.ofSeconds(30));
        assertEquals(2, held(session));

        int reduced = retention.reduceDue(Instant.now().plus(RETENTION).plusSeconds(60)).await().atMost(Duration.ofSeconds(30));
        assertTrue(reduced >= 2, "dropped " + reduced);
        assertEquals(0, held(session));
        assertEquals(2, count(db, "select count(*) from session_batch where session_id = ?::uuid and timing_hash is not null",
                session));
        given().auth().oauth2(token).get("/api/sessions/" + session).then().statusCode(200)
                .body("integrity.intact", equalTo(true)).body("integrity.digestMatches", equalTo(true))
                .body("digest", equalTo(digest)).body("eventCount", equalTo(6));
        given().auth().oauth2(token).get("/api/sessions/" + session + "/timeline").then().statusCode(200)
                .body("events[2].intervalsMs", nullValue()).body("events[2].count", equalTo(10))
                .body("events[2].timing.n", equalTo(3)).body("events[2].timing.meanMs", equalTo(200.0f))
                .body("events[2].timing.medianMs", equalTo(200.0f)).body("events[4].timing.meanMs", equalTo(120.0f))
                .body("replay.'" + F + "'.text[-1]", equalTo("B is right, A is not"));
        // running again finds nothing of this session left to drop
        retention.reduceDue(Instant.now().plus(RETENTION).plusSeconds(60)).await().atMost(Duration.ofSeconds(30));
        assertEquals(0, held(session));
    }

    @Test
    void shouldRefuseEveryChangeButDroppingTheRawTiming() {
        String[] c = claim();
        String session = c[1];
        post(c[0], session, batch(0, List.of(input(1_000, F, 0, 0, "Fine"), key(1_000, F, 4, List.of(120, 130, 110)))));
        post(c[0], session, batch(1, List.of(key(2_000, F, 2, List.of(140)))));
        String where = " where session_id = '" + session + "'::uuid and seq = 0";
        for (String change : List.of(
                "update session_batch set events = convert_to('[]', 'UTF8')" + where,
                "update session_batch set timing = convert_to('[]', 'UTF8')" + where,
                "update session_batch set timing_hash = null" + where,
                "update session_batch set timing = null, batch_hash = timing_hash" + where,
                "update session_batch set timing = null, received_at = received_at + interval '1 second'" + where,
                "delete from session_batch" + where,
                "truncate session_batch")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> update(db, change), change);
            assertTrue(refused.getCause().getMessage().contains("append-only"), change + ": " + refused.getCause().getMessage());
        }
        assertNotNull(query(db, "select timing from session_batch" + where).get(0).get(0));
        assertEquals(1, update(db, "update session_batch set timing = null" + where));
        assertNull(query(db, "select timing from session_batch" + where).get(0).get(0));
        given().auth().oauth2(c[0]).get("/api/sessions/" + session).then().statusCode(200)
                .body("integrity.intact", equalTo(true));
    }

    int held(String session) {
        return (int) count(db, "select count(*) from session_batch where session_id = ?::uuid and timing is not null", session);
    }

    /** An expert's token and the session of a task they claimed, opened an hour ago so that event times are sane. */
    String[] claim() {
        UUID expert = UUID.randomUUID();
        String domain = uniqueDomain();
        qualify(db, expert, domain, 2);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        String token = TestJwt.expert(expert);
        String sessionId = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("sessionId");
        update(db, "update work_session set opened_at = opened_at - interval '1 hour' where id = ?::uuid", sessionId);
        return new String[] {token, sessionId};
    }

    static void post(String token, String sessionId, Map<String, Object> batch) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).post("/api/sessions/" + sessionId + "/events")
                .then().statusCode(202).body("duplicate", equalTo(false));
    }
}
