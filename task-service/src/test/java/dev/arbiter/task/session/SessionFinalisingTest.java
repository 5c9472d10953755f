package dev.arbiter.task.session;

import static dev.arbiter.task.session.EventJson.batch;
import static dev.arbiter.task.session.EventJson.ev;
import static dev.arbiter.task.session.EventJson.input;
import static dev.arbiter.task.session.EventJson.key;
import static dev.arbiter.task.session.EventJson.paste;
import static dev.arbiter.task.session.EventJson.view;
import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publish;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.SessionWork;
import dev.arbiter.proto.tasks.v1.WorkSessionKind;
import dev.arbiter.task.session.model.SessionState;
import dev.arbiter.task.session.repository.SessionFinalisingRepository;
import dev.arbiter.task.session.service.SessionFinaliser;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Closed sessions finalised once their grace is over: the state, the stored signals and paid seconds, and
 * exactly one {@code WorkSessionVerified}/{@code WorkSessionFlagged} on {@code tasks.events.v1} carrying the
 * session's own figures. The test profile switches the scheduled run off and runs the finaliser itself.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class SessionFinalisingTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TOPIC = "tasks.events.v1";

    /** What {@code Fixtures.judgment} submits, by workbench field. */
    static final Map<String, String> SUBMITTED = Map.of(
            "rationale.accuracy", "The first is exactly right.",
            "rationale.clarity", "Both read well enough.",
            "critique.0.comment", "States a wrong figure.",
            "overall", "The preferred answer is correct and complete.");

    @Inject
    AgroalDataSource db;
    @Inject
    SessionFinaliser finaliser;
    @Inject
    SessionFinalisingRepository finalising;
    @Inject
    Pool pool;

    final UUID organization = UUID.randomUUID();
    final String lab = TestJwt.lab(UUID.randomUUID(), organization);
    final String admin = TestJwt.admin(UUID.randomUUID());

    record Claimed(UUID expert, String token, UUID jobId, String taskId, String sessionId) {
    }

    @Test
    void shouldVerifyAnHonestSessionAfterTheGraceAndEmitItsFigures() throws Exception {
        Claimed c = claim(2, Duration.ofHours(1));
        send(c, honestWork(0, new Random(7)), "laptop-7f3a");
        submit(c);
        String digest = session(c.token(), c).extract().path("digest");

        // within the grace the session stays CLOSED: late batches may still arrive
        finaliseAll();
        assertEquals("CLOSED", state(c));
        graceOver(c);
        finaliseUntilDone(c);

        long active = count(db, "select active_seconds from work_session where id = ?::uuid", c.sessionId());
        assertTrue(active > 30 && active < 1200, "active " + active);
        String judgmentId = query(db, "select id::text from judgment where task_id = ?::uuid", c.taskId()).get(0).get(0).toString();
        session(c.token(), c).body("state", equalTo("VERIFIED")).body("paidSeconds", equalTo((int) active))
                .body("judgmentId", equalTo(judgmentId))
                .body("activeSeconds", equalTo((int) active)).body("finalisedAt", notNullValue())
                .body("externalPasteShare", equalTo(0.0f)).body("signals", notNullValue());
        given().auth().oauth2(c.token()).get("/api/sessions/mine").then().statusCode(200)
                .body("find { it.id == '" + c.sessionId() + "' }.state", equalTo("VERIFIED"));

        ConsumerRecord<String, byte[]> record;
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            record = kafka.awaitRecord(TOPIC, r -> KafkaTestClient.decode(r).hasWorkSessionVerified()
                    && KafkaTestClient.decode(r).getWorkSessionVerified().getWork().getSessionId().equals(c.sessionId()), WAIT);
        }
        assertEquals(c.expert().toString(), record.key());
        EventEnvelope envelope = KafkaTestClient.decode(record);
        SessionWork work = envelope.getWorkSessionVerified().getWork();
        List<Object> row = query(db, "select opened_at, closed_at, (select id from judgment where task_id = s.task_id), "
                + "finalised_at from work_session s where id = ?::uuid", c.sessionId()).get(0);
        assertEquals(WorkSessionKind.WORK_SESSION_KIND_CLAIM, work.getKind());
        assertEquals(c.taskId(), work.getTaskId());
        assertEquals(row.get(2).toString(), work.getJudgmentId());
        assertEquals(c.jobId().toString(), work.getJobId());
        assertEquals(organization.toString(), work.getOrganizationId());
        assertEquals(c.expert().toString(), work.getExpertId());
        assertEquals(2, work.getExpertTier());
        assertEquals(active, work.getActiveSeconds());
        assertEquals(active, work.getPaidSeconds());
        assertEquals(0, work.getOverCapSeconds());
        assertEquals(4500, work.getHourlyRateMinor());
        assertEquals("USD", work.getCurrency());
        assertEquals(digest, work.getDigest());
        assertEquals(seconds(row.get(0)), work.getOpenedAt().getSeconds());
        assertEquals(seconds(row.get(1)), work.getClosedAt().getSeconds());
        assertEquals(seconds(row.get(3)), envelope.getWorkSessionVerified().getFinalisedAt().getSeconds());
        assertEquals(1, finalisedEvents(c));
    }

    @Test
    void shouldPayNoMoreThanTheCapAndReportTheRestAsOverTheCap() throws Exception {
        Claimed c = claim(1, Duration.ofHours(1));
        // the job expects 10 minutes an item: the cap is 20 minutes; the expert worked for 25 (a view a minute)
        List<Map<String, Object>> events = new ArrayList<>(honestWork(0, new Random(11)));
        for (long s = 60; s <= 1_500; s += 60) {
            events.add(view(s * 1_000, s % 120 == 0 ? "A" : "B", 0, 1));
        }
        send(c, events, null);
        submit(c);
        graceOver(c);
        finaliseUntilDone(c);

        long active = count(db, "select active_seconds from work_session where id = ?::uuid", c.sessionId());
        assertTrue(active >= 1_500, "active " + active);
        session(c.token(), c).body("state", equalTo("VERIFIED")).body("paidSeconds", equalTo(1_200));
        SessionWork work = finalisedEvent(c).getWorkSessionVerified().getWork();
        assertEquals(active, work.getActiveSeconds());
        assertEquals(1_200, work.getPaidSeconds());
        assertEquals(active - 1_200, work.getOverCapSeconds());
    }

    @Test
    void shouldFinaliseASessionExactlyOnceHoweverManyFinalisersRun() throws Exception {
        Claimed c = claim(1, Duration.ofHours(1));
        send(c, honestWork(0, new Random(3)), null);
        submit(c);
        graceOver(c);
        // two finalisers at once, then more runs: SKIP LOCKED and the CLOSED guard leave one transition, one event
        for (int run = 0; run < 10 && !"VERIFIED".equals(state(c)); run++) {
            Uni.join().all(finaliser.finaliseDue(), finaliser.finaliseDue()).andCollectFailures()
                    .await().atMost(Duration.ofMinutes(2));
        }
        finaliseAll();
        assertEquals("VERIFIED", state(c));
        assertEquals(1, finalisedEvents(c));
        Object first = query(db, "select finalised_at from work_session where id = ?::uuid",
                c.sessionId()).get(0).get(0);

        // the transition itself refuses a session that is no longer CLOSED
        Object again = pool.withTransaction(tx -> finalising.finalise(tx, UUID.fromString(c.sessionId()),
                SessionState.FLAGGED, "[]", 0, 0, null, Double.NaN)).await().atMost(WAIT);
        assertNull(again);
        assertEquals(List.of(List.of("VERIFIED", first)), query(db, "select state, finalised_at from work_session "
                + "where id = ?::uuid", c.sessionId()));
        assertEquals(1, finalisedEvents(c));
    }

    @Test
    void shouldFinaliseAReleasedTasksSessionWithoutAJudgment() throws Exception {
        Claimed c = claim(1, Duration.ofHours(1));
        send(c, List.of(ev(1_000, "focus"), view(2_000, "A", 0, 0.5), view(40_000, "B", 0, 0.5)), null);
        given().auth().oauth2(c.token()).post("/api/tasks/" + c.taskId() + "/release").then().statusCode(204);
        graceOver(c);
        finaliseUntilDone(c);

        session(c.token(), c).body("state", equalTo("VERIFIED")).body("closeReason", equalTo("RELEASED"));
        SessionWork work = finalisedEvent(c).getWorkSessionVerified().getWork();
        assertEquals("", work.getJudgmentId());
        assertEquals(c.taskId(), work.getTaskId());
        long active = count(db, "select active_seconds from work_session where id = ?::uuid", c.sessionId());
        assertEquals(active, work.getPaidSeconds());
        assertTrue(active >= 39, "active " + active);
    }

    @Test
    void shouldKeepTheFirstDeviceAndAddressAndRefuseAMalformedDeviceId() {
        Claimed c = claim(1, Duration.ofHours(1));
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus"))), "x".repeat(65), null).statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("X-Device-Id"));
        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus"))), "bad id!", null).statusCode(400)
                .body("violations[0].field", equalTo("X-Device-Id"));
        assertEquals(List.of(List.of(0, 0L)), query(db, "select batch_count, (select count(*) from session_batch "
                + "where session_id = s.id) from work_session s where id = ?::uuid and device_id is null "
                + "and client_address is null", c.sessionId()));

        post(c.token(), c.sessionId(), batch(0, List.of(ev(1, "focus"))), "device_A-1", "203.0.113.9, 10.0.0.1")
                .statusCode(202);
        post(c.token(), c.sessionId(), batch(1, List.of(ev(2, "blur"))), "device-B", "198.51.100.4").statusCode(202);
        assertEquals(List.of(List.of("device_A-1", "203.0.113.9")), query(db, "select device_id, client_address "
                + "from work_session where id = ?::uuid", c.sessionId()));

        // without a forwarded address the connection's own is kept
        Claimed other = claim(1, Duration.ofHours(1));
        post(other.token(), other.sessionId(), batch(0, List.of(ev(1, "focus"))), null, null).statusCode(202);
        List<Object> row = query(db, "select device_id, client_address from work_session where id = ?::uuid",
                other.sessionId()).get(0);
        assertNull(row.get(0));
        assertTrue(row.get(1) != null && !row.get(1).toString().isEmpty(), "client address " + row.get(1));
    }

    @Test
    void shouldShowAFinalisedSessionToItsOwnerAndAdminsOnly() {
        Claimed c = claim(1, Duration.ofHours(1));
        send(c, honestWork(0, new Random(5)), null);
        submit(c);
        graceOver(c);
        finaliseUntilDone(c);
        String path = "/api/sessions/" + c.sessionId();
        given().auth().oauth2(c.token()).get(path).then().statusCode(200).body("state", equalTo("VERIFIED"))
                .body("signals", notNullValue());
        given().auth().oauth2(admin).get(path).then().statusCode(200).body("state", equalTo("VERIFIED"))
                .body("paidSeconds", notNullValue());
        String stranger = TestJwt.expert(UUID.randomUUID());
        given().auth().oauth2(stranger).get(path).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/sessions/mine").then().statusCode(200).body("$", empty());
        given().auth().oauth2(lab).get(path).then().statusCode(403);
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get(path).then().statusCode(403);
        // an open session has nothing finalised to show
        Claimed open = claim(1, Duration.ofHours(1));
        given().auth().oauth2(open.token()).get("/api/sessions/" + open.sessionId()).then().statusCode(200)
                .body("state", equalTo("OPEN")).body("signals", empty()).body("paidSeconds", nullValue())
                .body("finalisedAt", nullValue());
    }

    /**
     * The blatant cheat: the whole judgment pasted from outside the page right after leaving it, not a key
     * pressed, no response ever on screen, submitted seconds after opening. Signals of two families fire
     * (input provenance, attention). Fails while {@code SignalEngine} is the placeholder that fires nothing.
     */
    @Test
    void shouldFlagABlatantCheat() throws Exception {
        // away from the page for 20 s (long enough to have another tool write it), then every field pasted
        // from outside within seconds of coming back, no keystroke, no response ever on screen
        Claimed c = claim(1, Duration.ofSeconds(60));
        List<Map<String, Object>> events = new ArrayList<>(List.of(ev(200, "focus"), ev(1_000, "blur"), ev(21_000, "focus")));
        long t = 21_100;
        for (Map.Entry<String, String> field : SUBMITTED.entrySet()) {
            events.add(paste(t, field.getKey(), 0, field.getValue(), "external"));
            t += 300;
        }
        events.add(ev(t + 500, "submit"));
        send(c, events, "cheat-box");
        submit(c);
        graceOver(c);
        finaliseUntilDone(c);

        assertEquals("FLAGGED", state(c));
        EventEnvelope flagged = finalisedEvent(c);
        assertTrue(flagged.hasWorkSessionFlagged());
        assertTrue(flagged.getWorkSessionFlagged().getFamiliesCount() >= 2);
        session(admin, c).body("signals.findAll { it.fired }.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("externalPasteShare", equalTo(1.0f));
    }

    @Test
    void shouldCompareARationaleWithTheExpertsOwnOnAnotherItemAndPointAtThatSession() {
        // one expert, two items of one job, the same generic overall rationale on both
        String template = "The preferred answer is better overall because it is more complete and easier to follow, "
                + "while the other one leaves out important details and is less clear about the main point.";
        Claimed first = claim(2, Duration.ofHours(1));
        send(first, honestWork(0, new Random(11)), "laptop-s1");
        submitWithOverall(first, template);
        var claim = given().auth().oauth2(first.token()).contentType(ContentType.JSON)
                .body(Map.of("jobId", first.jobId().toString())).post("/api/tasks/claim").then().statusCode(200).extract();
        Claimed second = new Claimed(first.expert(), first.token(), first.jobId(), claim.path("taskId"), claim.path("sessionId"));
        assertTrue(!query(db, "select item_id::text from task where id = ?::uuid", first.taskId()).get(0).get(0)
                .equals(query(db, "select item_id::text from task where id = ?::uuid", second.taskId()).get(0).get(0)));
        send(second, honestWork(0, new Random(12)), "laptop-s1");
        submitWithOverall(second, template.replace("easier", "simpler"));
        graceOver(first);
        graceOver(second);
        finaliseUntilDone(second);

        String selfTemplate = "signals.find { it.name == 'self_template' }";
        session(admin, second).body(selfTemplate + ".fired", equalTo(true))
                .body(selfTemplate + ".family", equalTo("IDENTITY_CONTENT"))
                .body(selfTemplate + ".evidence[0].sessionId", equalTo(first.sessionId()));
        // one family alone flags no one
        assertEquals("VERIFIED", state(second));
    }

    @Test
    void shouldFlagAHabitualGlancerWithTheReadingRecordOfTheirEarlierSessions() {
        // one expert, five items of 600-word responses: four glanced at (a tenth of each on screen for a second),
        // then a fifth read properly; the same generic overall rationale on all of them
        String template = "The preferred answer is better overall because it is more complete and easier to follow, "
                + "while the other one leaves out important details and is less clear about the main point.";
        String domain = uniqueDomain();
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 2);
        UUID job = dev.arbiter.task.Fixtures.createJob(lab, dev.arbiter.task.Fixtures.job(domain, "PAIRWISE", 1));
        dev.arbiter.task.Fixtures.upload(lab, job, longItems(5, 600));
        publish(lab, job);
        String token = TestJwt.expert(expert);
        List<String> glanced = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Claimed c = claimIn(expert, token, job);
            List<Map<String, Object>> events = new ArrayList<>(List.of(ev(300, "focus"), view(500, "A", 0, 0.1),
                    view(1_500, "B", 0, 0.1)));
            typeFields(events, 2_500, new Random(20 + i));
            send(c, events, "laptop-g");
            submitWithOverall(c, template);
            graceOver(c);
            finaliseUntilDone(c);
            Map<String, Object> reading = signal(c, "reading_time");
            assertEquals(true, reading.get("fired"), "a glance at 600-word responses: " + reading.get("summary"));
            double firstRead = ((Number) query(db, "select first_read_share from work_session where id = ?::uuid",
                    c.sessionId()).get(0).get(0)).doubleValue();
            assertEquals(0.1, firstRead, 1e-6, "a tenth of each response on screen for seconds before the first text: "
                    + "credited what that tenth's words need, a tenth of the response's");
            glanced.add(c.sessionId());
        }
        Claimed last = claimIn(expert, token, job);
        List<Map<String, Object>> events = new ArrayList<>(List.of(ev(300, "focus")));
        long t = 500;
        for (String label : List.of("A", "B")) {
            for (double from = 0; from < 1; from += 0.25) {
                events.add(view(t, label, from, from + 0.25));
                t += 30_000; // 150 words in 30 s: 300 words a minute
            }
        }
        typeFields(events, t, new Random(30));
        send(last, events, "laptop-g");
        submitWithOverall(last, template);
        graceOver(last);
        finaliseUntilDone(last);

        assertEquals(false, signal(last, "reading_time").get("fired"), "this session was read");
        assertEquals(false, signal(last, "wrote_before_reading").get("fired"));
        Map<String, Object> record = signal(last, "reading_record");
        assertEquals(true, record.get("fired"), String.valueOf(record.get("summary")));
        assertEquals("ATTENTION", record.get("family"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) record.get("evidence");
        assertEquals(new java.util.HashSet<>(glanced), new java.util.HashSet<>(evidence.stream()
                .map(e -> (String) e.get("sessionId")).toList()), "it points at the four sessions glanced through");
        double firstRead = ((Number) query(db, "select first_read_share from work_session where id = ?::uuid",
                last.sessionId()).get(0).get(0)).doubleValue();
        assertEquals(1.0, firstRead, 1e-6, "A read in full before the first text");
        Map<String, Object> glances = signal(last, "glance_record");
        assertEquals(true, glances.get("fired"), String.valueOf(glances.get("summary")));
        assertEquals(0.8, ((Number) glances.get("value")).doubleValue(), 1e-6, "four of five written after a glance");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> glanceEvidence = (List<Map<String, Object>>) glances.get("evidence");
        assertEquals(new java.util.HashSet<>(glanced), new java.util.HashSet<>(glanceEvidence.stream()
                .map(e -> (String) e.get("sessionId")).toList()), "it points at the four sessions written after a glance");
        // the habit (attention) beside the generic text (identity and content): two families
        assertEquals("FLAGGED", state(last));
        EventEnvelope flagged = finalisedEvent(last);
        assertTrue(flagged.getWorkSessionFlagged().getFiredSignalsList().contains("reading_record"));
        assertTrue(flagged.getWorkSessionFlagged().getFamiliesList().containsAll(List.of("ATTENTION", "IDENTITY_CONTENT")),
                flagged.getWorkSessionFlagged().getFamiliesList().toString());
    }

    @Test
    void shouldKeepEachExpertsReadingRecordApartWhenTheirSessionsAreFinalisedTogether() {
        // two experts, each with earlier glanced sessions finalised, then one new session each, finalised in one
        // group (one worker, one transaction, one reading-record query for both experts)
        String domain = uniqueDomain();
        UUID job = dev.arbiter.task.Fixtures.createJob(lab, dev.arbiter.task.Fixtures.job(domain, "PAIRWISE", 2));
        dev.arbiter.task.Fixtures.upload(lab, job, longItems(6, 600));
        publish(lab, job);
        List<Claimed> lasts = new ArrayList<>();
        for (int x = 0; x < 2; x++) {
            UUID expert = UUID.randomUUID();
            qualify(db, expert, domain, 2);
            String token = TestJwt.expert(expert);
            for (int i = 0; i < 5; i++) {
                Claimed c = claimIn(expert, token, job);
                List<Map<String, Object>> events = new ArrayList<>(List.of(ev(300, "focus"), view(500, "A", 0, 0.1),
                        view(1_500, "B", 0, 0.1)));
                typeFields(events, 2_500, new Random(40 + 10 * x + i));
                send(c, events, "laptop-x" + x);
                submit(c);
                if (i < 4) {
                    graceOver(c);
                    finaliseUntilDone(c);
                } else {
                    lasts.add(c); // closed within the grace: not due until both are there
                }
            }
        }
        lasts.forEach(this::graceOver);
        List<SessionFinaliser.Outcome> done = finaliser.finaliseDue(2_000, 1).await().atMost(Duration.ofMinutes(2));
        assertTrue(done.stream().map(o -> o.sessionId().toString()).toList()
                .containsAll(lasts.stream().map(Claimed::sessionId).toList()), done.toString());
        for (Claimed c : lasts) {
            Map<String, Object> record = signal(c, "reading_record");
            assertEquals(true, record.get("fired"), String.valueOf(record.get("summary")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> evidence = (List<Map<String, Object>>) record.get("evidence");
            assertEquals(4, evidence.size());
            for (Map<String, Object> e : evidence) {
                assertEquals(c.expert().toString(), query(db, "select expert_id::text from work_session where id = ?::uuid",
                        e.get("sessionId")).get(0).get(0), "an expert's record holds only their own sessions");
            }
        }
    }

    @Test
    void shouldStoreHowDeepEachTextRefersAndFlagAGlancerWhoseTextsNeverGoPastTheFirstScreen() {
        // one expert, five items of 1,200-word responses, each glanced at (a tenth on screen for a second); the
        // overall rationale names terms of the responses (so it is grounded), but only from their first screen
        String domain = uniqueDomain();
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 2);
        UUID job = dev.arbiter.task.Fixtures.createJob(lab, dev.arbiter.task.Fixtures.job(domain, "PAIRWISE", 1));
        dev.arbiter.task.Fixtures.upload(lab, job, longItems(5, 1_200));
        publish(lab, job);
        String token = TestJwt.expert(expert);
        List<String> earlier = new ArrayList<>();
        Claimed last = null;
        for (int i = 0; i < 5; i++) {
            Claimed c = claimIn(expert, token, job);
            String item = ((String) query(db, "select i.external_id from task t join item i on i.id = t.item_id "
                    + "where t.id = ?::uuid", c.taskId()).get(0).get(0)).substring("long".length());
            List<Map<String, Object>> events = new ArrayList<>(List.of(ev(300, "focus"), view(500, "A", 0, 0.1),
                    view(1_500, "B", 0, 0.1)));
            typeFields(events, 2_500, new Random(50 + i));
            send(c, events, "laptop-r");
            String w1 = "w" + item + "x1x";
            String w2 = "w" + item + "x2x";
            submitWithOverall(c, "One has " + w1 + 20 + " " + w1 + 21 + " " + w1 + 22 + " " + w1 + 23 + ", the other "
                    + w2 + 5 + " " + w2 + 6 + " " + w2 + 7 + " " + w2 + 8 + ".");
            graceOver(c);
            finaliseUntilDone(c);
            assertEquals(List.of(List.of(21, 1_200)), query(db, "select reference_reach_words, longest_response_words "
                    + "from work_session where id = ?::uuid", c.sessionId()),
                    "the deepest passage named (" + w1 + "21 …) stands at word 21 of a 1,200-word response");
            if (i < 4) {
                earlier.add(c.sessionId());
            } else {
                last = c;
            }
        }

        Map<String, Object> record = signal(last, "reference_record");
        assertEquals(true, record.get("fired"), String.valueOf(record.get("summary")));
        assertEquals("IDENTITY_CONTENT", record.get("family"));
        assertEquals(0.0, ((Number) record.get("value")).doubleValue(), "none of five long items referred past word 400");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) record.get("evidence");
        List<String> pointed = evidence.stream().map(e -> (String) e.get("sessionId")).toList();
        assertEquals(last.sessionId(), pointed.get(0), "this session first");
        assertEquals(new java.util.HashSet<>(earlier), new java.util.HashSet<>(pointed.subList(1, pointed.size())),
                "then the four earlier ones, read from what their finaliser stored");
        assertEquals(false, signal(last, "ungrounded_rationale").get("fired"), "the text does name the responses' terms");
        // the glances (attention) beside texts that only know what a glance showed (identity and content)
        assertEquals("FLAGGED", state(last));
        EventEnvelope flagged = finalisedEvent(last);
        assertTrue(flagged.getWorkSessionFlagged().getFiredSignalsList().contains("reference_record"));
        assertTrue(flagged.getWorkSessionFlagged().getFamiliesList().containsAll(List.of("ATTENTION", "IDENTITY_CONTENT")),
                flagged.getWorkSessionFlagged().getFamiliesList().toString());
    }

    // --- helpers

    /** NDJSON of {@code n} items with two responses of {@code words} words each, different on every item. */
    static String longItems(int n, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"externalId\":\"long").append(i).append("\",\"prompt\":\"Question ").append(i).append("?\",\"responses\":[");
            for (int r = 1; r <= 2; r++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < words; w++) {
                    text.append(w == 0 ? "" : " ").append("w").append(i).append('x').append(r).append('x').append(w);
                }
                b.append(r == 1 ? "" : ",").append("{\"id\":\"r").append(r).append("\",\"text\":\"").append(text)
                        .append("\",\"model\":\"model-").append(r).append("\"}");
            }
            b.append("]}\n");
        }
        return b.toString();
    }

    /** The expert's next claim in {@code job}, its session opened an hour ago (room for the events' times). */
    Claimed claimIn(UUID expert, String token, UUID job) {
        var claim = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract();
        String sessionId = claim.path("sessionId");
        update(db, "update work_session set opened_at = opened_at - interval '1 hour' where id = ?::uuid", sessionId);
        return new Claimed(expert, token, job, claim.path("taskId"), sessionId);
    }

    /** The stored signal {@code name} of a finalised session, as an admin sees it. */
    Map<String, Object> signal(Claimed c, String name) {
        Map<String, Object> s = session(admin, c).extract().path("signals.find { it.name == '" + name + "' }");
        assertTrue(s != null, "no signal " + name + " on session " + c.sessionId());
        return s;
    }

    void submitWithOverall(Claimed c, String overall) {
        Map<String, Object> body = new java.util.HashMap<>(judgment(List.of("A", "B"), -1));
        body.put("overallRationale", overall);
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body)
                .post("/api/tasks/" + c.taskId() + "/judgment").then().statusCode(201);
    }

    /** A claim by a new expert of tier {@code tier}, its session opened {@code openedAgo} ago. */
    Claimed claim(int tier, Duration openedAgo) {
        String domain = uniqueDomain();
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, tier);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 2, 2);
        String token = TestJwt.expert(expert);
        var claim = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract();
        String sessionId = claim.path("sessionId");
        update(db, "update work_session set opened_at = opened_at - make_interval(secs => ?) where id = ?::uuid",
                (double) openedAgo.toSeconds(), sessionId);
        return new Claimed(expert, token, job, claim.path("taskId"), sessionId);
    }

    /**
     * An honest expert's work on {@code Fixtures.judgment}'s texts, from {@code start} ms: the page in focus,
     * both responses read, each field typed word by word with human keystroke intervals, a correction, submit.
     */
    static List<Map<String, Object>> honestWork(long start, Random random) {
        List<Map<String, Object>> events = new ArrayList<>();
        long t = start + 300;
        events.add(ev(t, "focus"));
        for (String label : List.of("A", "B", "A")) {
            for (double from = 0; from < 1; from += 0.5) {
                t += 4_000 + random.nextInt(3_000);
                events.add(view(t, label, from, Math.min(1, from + 0.5)));
            }
        }
        typeFields(events, t, random);
        return events;
    }

    /**
     * Types {@code Fixtures.judgment}'s texts from {@code t}: each field word by word with human keystroke
     * intervals, a typo corrected, then submit.
     */
    static void typeFields(List<Map<String, Object>> events, long t, Random random) {
        for (String field : List.of("rationale.accuracy", "rationale.clarity", "critique.0.comment", "overall")) {
            String text = SUBMITTED.get(field);
            t += 2_000 + random.nextInt(2_000);
            int pos = 0;
            for (String word : text.split("(?<= )")) {
                List<Integer> intervals = new ArrayList<>();
                for (int i = 0; i < word.length(); i++) {
                    intervals.add(90 + random.nextInt(180));
                }
                t += intervals.stream().mapToInt(Integer::intValue).sum() + random.nextInt(400);
                events.add(input(t, field, pos, 0, word));
                events.add(key(t, field, word.length(), intervals));
                pos += word.length();
            }
            // a typo and its correction: one more character typed and taken back
            t += 300;
            events.add(input(t, field, pos, 0, "x"));
            events.add(key(t, field, 1, List.of(140)));
            t += 400;
            events.add(input(t, field, pos, 1, ""));
            events.add(key(t, field, 1, List.of(210)));
        }
        events.add(ev(t + 1_000, "submit"));
    }

    /** Sends the events in time order as batches of at most 100, {@code seq} 0, 1, 2… */
    void send(Claimed c, List<Map<String, Object>> events, String deviceId) {
        List<Map<String, Object>> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(e -> ((Number) e.get("t")).longValue()));
        for (int from = 0, seq = 0; from < sorted.size(); from += 100, seq++) {
            post(c.token(), c.sessionId(), batch(seq, sorted.subList(from, Math.min(sorted.size(), from + 100))), deviceId,
                    null).statusCode(202).body("duplicate", equalTo(false));
        }
    }

    void submit(Claimed c) {
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -1))
                .post("/api/tasks/" + c.taskId() + "/judgment").then().statusCode(201);
    }

    /** As if the session had closed (and opened) 31 s earlier: the 30 s grace for late batches is over. */
    void graceOver(Claimed c) {
        update(db, "update work_session set opened_at = opened_at - interval '31 seconds', "
                + "closed_at = closed_at - interval '31 seconds' where id = ?::uuid and state = 'CLOSED'", c.sessionId());
    }

    /** Runs the finaliser until the session is no longer CLOSED (a bounded number of runs: each takes up to 2,000). */
    void finaliseUntilDone(Claimed c) {
        for (int run = 0; run < 10 && "CLOSED".equals(state(c)); run++) {
            finaliser.finaliseDue().await().atMost(Duration.ofMinutes(2));
        }
        assertTrue(!"CLOSED".equals(state(c)), "session " + c.sessionId() + " still CLOSED after 10 runs");
    }

    void finaliseAll() {
        finaliser.finaliseDue().await().atMost(Duration.ofMinutes(2));
    }

    String state(Claimed c) {
        return (String) query(db, "select state from work_session where id = ?::uuid", c.sessionId()).get(0).get(0);
    }

    ValidatableResponse session(String token, Claimed c) {
        return given().auth().oauth2(token).get("/api/sessions/" + c.sessionId()).then().statusCode(200);
    }

    /** The session's WorkSessionVerified or WorkSessionFlagged, read from tasks.events.v1. */
    EventEnvelope finalisedEvent(Claimed c) {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            return kafka.awaitEnvelope(TOPIC, e -> (e.hasWorkSessionVerified()
                    && e.getWorkSessionVerified().getWork().getSessionId().equals(c.sessionId()))
                    || (e.hasWorkSessionFlagged() && e.getWorkSessionFlagged().getWork().getSessionId().equals(c.sessionId())),
                    WAIT);
        }
    }

    /** Finalising events written for the session (the outbox holds every event before it is sent). */
    long finalisedEvents(Claimed c) throws Exception {
        long n = 0;
        for (List<Object> row : query(db, "select payload from outbox_message where message_key = ? and event_type in "
                + "('WORK_SESSION_VERIFIED', 'WORK_SESSION_FLAGGED')", c.expert().toString())) {
            EventEnvelope e = EventEnvelope.parseFrom((byte[]) row.get(0));
            String id = e.hasWorkSessionVerified() ? e.getWorkSessionVerified().getWork().getSessionId()
                    : e.getWorkSessionFlagged().getWork().getSessionId();
            if (id.equals(c.sessionId())) {
                n++;
            }
        }
        return n;
    }

    static long seconds(Object timestamp) {
        return timestamp instanceof OffsetDateTime t ? t.toEpochSecond() : ((java.sql.Timestamp) timestamp).toInstant().getEpochSecond();
    }

    ValidatableResponse post(String token, String sessionId, Map<String, Object> batch, String deviceId, String forwardedFor) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(batch);
        if (deviceId != null) {
            request = request.header("X-Device-Id", deviceId);
        }
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/api/sessions/" + sessionId + "/events").then();
    }

}
