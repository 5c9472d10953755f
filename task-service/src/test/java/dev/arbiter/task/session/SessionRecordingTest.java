package dev.arbiter.task.session;

import static dev.arbiter.task.session.EventJson.batch;
import static dev.arbiter.task.session.EventJson.copy;
import static dev.arbiter.task.session.EventJson.ev;
import static dev.arbiter.task.session.EventJson.input;
import static dev.arbiter.task.session.EventJson.key;
import static dev.arbiter.task.session.EventJson.paste;
import static dev.arbiter.task.session.EventJson.view;
import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.task.session.repository.EventCodec;
import dev.arbiter.task.session.repository.SessionBatchRepository;
import io.vertx.mutiny.sqlclient.Pool;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The workbench's batches through {@code /api/sessions}: stored whole or not at all, once per seq, in
 * any order, hash-chained, owned by their expert, and the active time they show is what the closed
 * session reports and the lab pays.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class SessionRecordingTest {

    static final String F = "rationale.accuracy";

    @Inject
    AgroalDataSource db;

    @Inject
    SessionBatchRepository batchRepository;

    @Inject
    Pool pool;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final String admin = TestJwt.admin(UUID.randomUUID());

    /** An expert holding a claimed task, with its session. */
    record Claimed(UUID expert, String token, UUID jobId, String taskId, String sessionId) {
    }

    @Test
    void shouldStoreABatchAndShowItOnTheSessionAndItsTimeline() {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(0, List.of(
                ev(100, "focus"), view(200, "A", 0, 0.4), input(1_000, F, 0, 0, "B is rihgt"),
                key(1_000, F, 10, List.of(110, 95, 130)), input(2_000, F, 7, 3, "ght"),
                paste(3_000, F, 10, " (1 mg/kg)", "internal"), copy(2_500, "B", 10))))
                .statusCode(202).body("seq", equalTo(0)).body("accepted", equalTo(7)).body("duplicate", equalTo(false));

        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("id", equalTo(c.sessionId())).body("taskId", equalTo(c.taskId())).body("state", equalTo("OPEN"))
                .body("kind", equalTo("CLAIM")).body("eventCount", equalTo(7)).body("batchCount", equalTo(1))
                .body("missingSeqs", empty()).body("digest", matchesPattern("[0-9a-f]{64}"))
                .body("integrity.intact", equalTo(true)).body("signals", empty())
                .body("clock.backwards", equalTo(1)).body("clock.ahead", equalTo(0)).body("activeSeconds", nullValue());
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId() + "/timeline").then().statusCode(200)
                .body("events", hasSize(7)).body("events[0].type", equalTo("focus")).body("events[0].seq", equalTo(0))
                .body("events[2].ins", equalTo("B is rihgt")).body("events[3].intervalsMs", contains(110, 95, 130))
                .body("events[6].t", equalTo(3_000)).body("events[6].browserT", equalTo(2_500))
                .body("replay.'" + F + "'.text", contains("B is rihgt", "B is right", "B is right (1 mg/kg)"))
                .body("pastes[0].field", equalTo(F)).body("pastes[0].length", equalTo(10))
                .body("pastes[0].source", equalTo("internal"));
        assertEquals(1, count(db, "select count(*) from session_batch where session_id = ?::uuid", c.sessionId()));
    }

    @Test
    void shouldChangeNothingWhenTheSameSeqArrivesAgain() {
        Claimed c = claim();
        Map<String, Object> first = batch(0, List.of(ev(100, "focus"), ev(200, "blur")));
        post(c.token(), c.sessionId(), first).statusCode(202).body("duplicate", equalTo(false));
        String digest = digest(c);
        post(c.token(), c.sessionId(), first).statusCode(202).body("seq", equalTo(0)).body("accepted", equalTo(0))
                .body("duplicate", equalTo(true));
        post(c.token(), c.sessionId(), batch(0, List.of(ev(300, "focus")))).statusCode(202).body("duplicate", equalTo(true));
        assertEquals(List.of(List.of(1L, 2)), query(db, "select count(*), max(event_count) from session_batch "
                + "where session_id = ?::uuid", c.sessionId()));
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("eventCount", equalTo(2)).body("digest", equalTo(digest));
    }

    @Test
    void shouldTakeBatchesOutOfOrderAndShowWhatIsMissing() {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(3, List.of(ev(30, "focus")))).statusCode(202);
        post(c.token(), c.sessionId(), batch(0, List.of(ev(10, "focus")))).statusCode(202);
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("batchCount", equalTo(2)).body("missingSeqs", contains(1, 2)).body("missingCount", equalTo(2))
                .body("integrity.intact", equalTo(true));
        post(c.token(), c.sessionId(), batch(2, List.of(ev(20, "focus")))).statusCode(202);
        post(c.token(), c.sessionId(), batch(1, List.of(ev(15, "focus")))).statusCode(202);
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("batchCount", equalTo(4)).body("missingSeqs", empty()).body("integrity.intact", equalTo(true));
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId() + "/timeline").then().statusCode(200)
                .body("events.seq", contains(0, 1, 2, 3)).body("events.t", contains(10, 15, 20, 30));
    }

    @Test
    void shouldRefuseAnOversizeBatchWholeAndStoreNothing() {
        Claimed c = claim();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(ev(i, "focus"));
        }
        post(c.token(), c.sessionId(), batch(0, many)).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation")).body("violations.field", contains("events"))
                .body("violations[0].message", equalTo("must hold at most 500 events; this batch has 501"));
        String big = "x".repeat(300_000);
        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(batch(0, List.of(input(1, F, 0, 0, big))))
                .post("/api/sessions/" + c.sessionId() + "/events").then().statusCode(413)
                .contentType("application/problem+json").body("type", endsWith("/batch-too-large"))
                .body("maxBytes", equalTo(262_144));
        assertNothingStored(c);
    }

    @Test
    void shouldRefuseABatchWithAnUnknownTypeOrAMalformedFieldAndStoreNothing() {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus"), ev(2, "blur"), ev(3, "focus"), ev(4, "keypress"))))
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("violations.field", contains("events[3].type"))
                .body("violations[0].message", equalTo(
                        "must be one of focus, blur, view, input, key, paste, copy, idle, active, submit"));
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus"), input(2, "rationale.speed", 0, 0, "x"),
                view(3, "A", 0.9, 0.1)))).statusCode(400)
                .body("violations.field", contains("events[1].field", "events[2].to"))
                .body("violations[0].message", equalTo("must be one of rationale.accuracy, rationale.clarity, "
                        + "critique.<n>.comment, critique.<n>.quote (n from 0 to 59), overall"));
        Map<String, Object> keys = key(5, F, 1, List.of(100));
        keys.put("keys", "abc");
        post(c.token(), c.sessionId(), batch(0, List.of(keys))).statusCode(400)
                .body("violations.field", contains("events[0].keys"));
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body("{\"seq\":0,\"events\":[")
                .post("/api/sessions/" + c.sessionId() + "/events").then().statusCode(400)
                .body("type", endsWith("/validation")).body("violations.field", contains("body"));
        assertNothingStored(c);
    }

    @Test
    void shouldHideASessionFromAnotherExpertAndNeverShowOneToALab() {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus")))).statusCode(202);
        String stranger = TestJwt.expert(UUID.randomUUID());
        String path = "/api/sessions/" + c.sessionId();
        post(stranger, c.sessionId(), batch(1, List.of(ev(2, "focus")))).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).get(path).then().statusCode(404);
        given().auth().oauth2(stranger).get(path + "/timeline").then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/sessions/mine").then().statusCode(200).body("$", empty());
        post(c.token(), UUID.randomUUID().toString(), batch(1, List.of(ev(2, "focus")))).statusCode(404);

        post(lab, c.sessionId(), batch(1, List.of(ev(2, "focus")))).statusCode(403);
        given().auth().oauth2(lab).get(path).then().statusCode(403);
        given().auth().oauth2(lab).get(path + "/timeline").then().statusCode(403);
        given().auth().oauth2(lab).get("/api/sessions/mine").then().statusCode(403);
        post(admin, c.sessionId(), batch(1, List.of(ev(2, "focus")))).statusCode(403);

        given().auth().oauth2(admin).get(path).then().statusCode(200).body("eventCount", equalTo(1));
        given().auth().oauth2(admin).get(path + "/timeline").then().statusCode(200).body("events", hasSize(1));
        assertEquals(1, count(db, "select count(*) from session_batch where session_id = ?::uuid", c.sessionId()));
    }

    @Test
    void shouldListAnExpertsOwnSessionsNewestFirst() {
        Claimed c = claim();
        String second = given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("jobId", c.jobId().toString())).post("/api/tasks/claim").then().statusCode(200)
                .extract().path("sessionId");
        given().auth().oauth2(c.token()).get("/api/sessions/mine").then().statusCode(200)
                .body("id", contains(second, c.sessionId())).body("state", contains("OPEN", "OPEN"))
                .body("[1].taskId", equalTo(c.taskId())).body("[1].kind", equalTo("CLAIM"));
    }

    @Test
    void shouldTakeLateBatchesOnlyWithinTheGraceAfterClosing() {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1_000, "focus")))).statusCode(202);
        submit(c);
        // the workbench flushed its last batch as the expert pressed submit: it arrives after the close
        post(c.token(), c.sessionId(), batch(1, List.of(ev(2_000, "submit")))).statusCode(202)
                .body("accepted", equalTo(1));
        // the grace (30 s) is over: as if the session had closed 31 s ago
        update(db, "update work_session set opened_at = opened_at - interval '31 seconds', "
                + "closed_at = closed_at - interval '31 seconds' where id = ?::uuid", c.sessionId());
        post(c.token(), c.sessionId(), batch(2, List.of(ev(3_000, "focus")))).statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/session-closed"));
        post(c.token(), c.sessionId(), batch(1, List.of(ev(2_000, "submit")))).statusCode(202)
                .body("duplicate", equalTo(true));
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("batchCount", equalTo(2)).body("integrity.intact", equalTo(true));
    }

    @Test
    void shouldShowThatAStoredBatchWasChanged() {
        Claimed c = claim();
        for (int seq = 0; seq < 3; seq++) {
            post(c.token(), c.sessionId(), batch(seq, List.of(input(seq * 1_000L, F, seq, 0, "a")))).statusCode(202);
        }
        given().auth().oauth2(admin).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("integrity.intact", equalTo(true)).body("integrity.alteredBatches", empty());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> update(db,
                "update session_batch set events = convert_to('[]', 'UTF8') where session_id = ?::uuid and seq = 1",
                c.sessionId()));
        assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());

        // someone with the power to switch the guard off rewrites what the expert typed in batch 1, and garbles batch 2
        byte[] forged = EventCodec.deflate(("[{\"t\":1000,\"type\":\"input\",\"field\":\"" + F
                + "\",\"pos\":1,\"del\":0,\"ins\":\"b\"}]").getBytes(StandardCharsets.UTF_8));
        update(db, "do $$ begin "
                + "alter table session_batch disable trigger session_batch_append_only; "
                + "update session_batch set events = decode('" + HexFormat.of().formatHex(forged) + "', 'hex') "
                + "where session_id = '" + UUID.fromString(c.sessionId()) + "' and seq = 1; "
                + "update session_batch set events = convert_to('not a batch', 'UTF8') "
                + "where session_id = '" + UUID.fromString(c.sessionId()) + "' and seq = 2; "
                + "alter table session_batch enable trigger session_batch_append_only; end $$");
        given().auth().oauth2(admin).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("integrity.intact", equalTo(false)).body("integrity.alteredBatches", contains(1, 2))
                .body("integrity.digestMatches", equalTo(false));
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId() + "/timeline").then().statusCode(200)
                .body("events", hasSize(2)).body("replay.'" + F + "'[-1].text", equalTo("ab"));
    }

    @Test
    void shouldChainEveryBatchOfOneSessionSentAtOnce() throws Exception {
        Claimed c = claim();
        post(c.token(), c.sessionId(), batch(0, List.of(ev(10, "focus")))).statusCode(202); // origin known from here on
        int batches = 24;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int seq = 1; seq <= batches; seq++) {
                int n = seq;
                // in order and out of order at once: the unlocked path's check must send every loser to the locked path
                answers.add(senders.submit(() -> post(c.token(), c.sessionId(), batch(n, List.of(input(n * 100L, F, n - 1, 0, "x"))))
                        .extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(202, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("batchCount", equalTo(batches + 1)).body("eventCount", equalTo(batches + 1))
                .body("missingSeqs", empty()).body("integrity.intact", equalTo(true))
                .body("integrity.digestMatches", equalTo(true));
        assertEquals(List.of(List.of((long) batches + 1, (long) batches + 1)), query(db, "select count(*), count(distinct seq) "
                + "from session_batch where session_id = ?::uuid", c.sessionId()));
    }

    @Test
    void shouldStoreNothingUnlockedOntoALogThatChangedOrASessionThatClosed() {
        Claimed c = claim();
        UUID id = UUID.fromString(c.sessionId());
        post(c.token(), c.sessionId(), batch(0, List.of(ev(10, "focus")))).statusCode(202);
        byte[] read = HexFormat.of().parseHex(digest(c));
        post(c.token(), c.sessionId(), batch(1, List.of(ev(20, "blur")))).statusCode(202);
        byte[] json = "[{\"t\":30,\"type\":\"focus\"}]".getBytes(StandardCharsets.UTF_8);
        SessionBatchRepository.Encoded encoded = new SessionBatchRepository.Encoded(2, 1, json, EventCodec.deflate(json),
                null, null, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] hash = BatchChain.batchHash(2, now, json);

        // the digest read before batch 1 arrived: batch 2 would be chained onto a log that is no longer the log
        assertEquals(false, batchRepository.appendIfUnchanged(pool, id, encoded, now, hash, BatchChain.link(read, hash), read)
                .await().atMost(Duration.ofSeconds(30)));
        assertEquals(2L, count(db, "select count(*) from session_batch where session_id = ?::uuid", c.sessionId()));

        // the current digest, but the session closed meanwhile: only the locked path (grace, late batches) may take it
        byte[] current = HexFormat.of().parseHex(digest(c));
        submit(c);
        assertEquals(false, batchRepository.appendIfUnchanged(pool, id, encoded, now, hash, BatchChain.link(current, hash),
                current).await().atMost(Duration.ofSeconds(30)));
        assertEquals(List.of(List.of(2L, 2, 2)), query(db, "select (select count(*) from session_batch b where b.session_id = s.id), "
                + "batch_count, event_count from work_session s where id = ?::uuid", c.sessionId()));
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("integrity.intact", equalTo(true));
    }

    @Test
    void shouldPayTheActiveTimeTheRecordedEventsShow() throws Exception {
        Claimed c = claim();
        // the expert opened the task 10 minutes ago, worked 2 minutes, was away 5, and worked again until now
        update(db, "update work_session set opened_at = now() - interval '600 seconds' where id = ?::uuid", c.sessionId());
        List<Map<String, Object>> first = new ArrayList<>();
        for (long s = 0; s <= 120; s += 10) {
            first.add(input(s * 1_000, F, 0, 0, "x"));
        }
        List<Map<String, Object>> second = new ArrayList<>();
        for (long s = 420; s <= 590; s += 10) {
            second.add(input(s * 1_000, F, 0, 0, "y"));
        }
        post(c.token(), c.sessionId(), batch(0, first)).statusCode(202);
        post(c.token(), c.sessionId(), batch(1, second)).statusCode(202);
        submit(c);

        // 120 s + 170 s + the last stretch from 590 s to the close (10 s and the test's own time)
        long reported = closedEventOf(c.sessionId()).getWorkSessionClosed().getActiveSeconds();
        assertEquals(300, reported, 5);
        long stored = count(db, "select active_seconds from work_session where id = ?::uuid", c.sessionId());
        assertEquals(reported, stored);
        int spent = given().auth().oauth2(lab).get("/api/jobs/" + c.jobId() + "/progress").then().statusCode(200)
                .extract().path("spent.amountMinor");
        assertEquals(0, spent, "the lab's spent is the ledger's (PayoutEventsTest), nothing before any pay");
        given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .body("activeSeconds", equalTo((int) stored));
    }

    // --- helpers

    Claimed claim() {
        String domain = uniqueDomain();
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 2, 2);
        String token = TestJwt.expert(expert);
        var claim = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract();
        String sessionId = claim.path("sessionId");
        // opened an hour ago, so that the events' times (seconds into the session) are not ahead of the server's clock
        update(db, "update work_session set opened_at = opened_at - interval '1 hour' where id = ?::uuid", sessionId);
        return new Claimed(expert, token, job, claim.path("taskId"), sessionId);
    }

    void submit(Claimed c) {
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + c.taskId() + "/judgment").then().statusCode(201);
    }

    ValidatableResponse post(String token, String sessionId, Map<String, Object> batch) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(batch)
                .post("/api/sessions/" + sessionId + "/events").then();
    }

    String digest(Claimed c) {
        return given().auth().oauth2(c.token()).get("/api/sessions/" + c.sessionId()).then().statusCode(200)
                .extract().path("digest");
    }

    void assertNothingStored(Claimed c) {
        assertEquals(0, count(db, "select count(*) from session_batch where session_id = ?::uuid", c.sessionId()));
        assertEquals(List.of(List.of(0, 0, 0L)), query(db, "select batch_count, event_count, log_bytes from work_session "
                + "where id = ?::uuid and digest is null", c.sessionId()));
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

}
