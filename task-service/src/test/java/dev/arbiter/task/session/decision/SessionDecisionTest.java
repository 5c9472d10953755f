package dev.arbiter.task.session.decision;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.platform.events.Topics;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.tasks.v1.AppealDecision;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Admin decisions on flagged sessions and the expert's appeal, through HTTP against a real PostgreSQL and
 * Kafka: two experts, two labs, two admins. A confirmation voids the judgment (out of the export, the slot
 * claimable again), an overturned appeal restores it; every refusal leaves every row as it was.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class SessionDecisionTest {

    @Inject
    AgroalDataSource db;

    final UUID labOrg = UUID.randomUUID();
    final String lab = TestJwt.lab(UUID.randomUUID(), labOrg);
    final String otherLab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final UUID admin1Id = UUID.randomUUID();
    final String admin1 = TestJwt.admin(admin1Id);
    final UUID admin2Id = UUID.randomUUID();
    final String admin2 = TestJwt.admin(admin2Id);

    /** A job of one item needing one judgment, and two experts qualified for it. */
    record Job(UUID id, String domain, UUID expertA, String tokenA, UUID expertB, String tokenB) {
    }

    /** Expert A's submitted work: the task, its judgment and the (closed) claim session. */
    record Worked(Job job, String taskId, String judgmentId, String sessionId) {
    }

    @Test
    void shouldListFlaggedSessionsWithTheirFiredSignalsToAdminsOnly() {
        Worked w = flagged(newJob());
        ValidatableResponse page = given().auth().oauth2(admin1).get("/api/admin/sessions?limit=200").then().statusCode(200)
                .body("state", equalTo("FLAGGED")).body("limit", equalTo(200));
        List<Map<String, Object>> sessions = page.extract().path("sessions");
        Map<String, Object> mine = sessions.stream().filter(s -> w.sessionId().equals(s.get("id"))).findFirst().orElseThrow();
        assertEquals("FLAGGED", mine.get("state"));
        assertEquals(w.taskId(), mine.get("taskId"));
        assertEquals(w.judgmentId(), mine.get("judgmentId"));
        assertEquals(w.job().expertA().toString(), mine.get("expertId"));
        // only the fired signals: the evidence an admin reads
        assertEquals(List.of("external-paste", "fast-typing"), ((List<Map<String, Object>>) mine.get("signals")).stream()
                .map(s -> s.get("name")).toList());
        assertEquals(null, mine.get("case"));

        given().auth().oauth2(admin1).get("/api/admin/sessions?state=CLEARED&limit=200").then().statusCode(200)
                .body("sessions.id", org.hamcrest.Matchers.not(hasItem(w.sessionId())));
        given().auth().oauth2(admin1).get("/api/admin/sessions?state=flaggy").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/validation"))
                .body("violations[0].field", equalTo("state"))
                .body("violations[0].message", equalTo("must be one of OPEN, CLOSED, VERIFIED, FLAGGED, CLEARED, CONFIRMED"));
        given().auth().oauth2(admin1).get("/api/admin/sessions?limit=201").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        given().auth().oauth2(admin1).get("/api/admin/sessions?limit=1").then().statusCode(200)
                .body("sessions", hasSize(1)).body("nextOffset", equalTo(1));
        given().auth().oauth2(w.job().tokenA()).get("/api/admin/sessions").then().statusCode(403);
        given().auth().oauth2(lab).get("/api/admin/sessions").then().statusCode(403);
    }

    @Test
    void shouldClearAFlaggedSessionAuditItAndEmitSessionCleared() {
        Worked w = flagged(newJob());
        decide(admin1, w, "CLEAR", "Pasted text is a quote of response A.").statusCode(201)
                .header("Location", endsWith("/api/sessions/" + w.sessionId()))
                .body("state", equalTo("CLEARED")).body("judgmentEffect", equalTo("NONE"));

        given().auth().oauth2(w.job().tokenA()).get("/api/sessions/" + w.sessionId()).then().statusCode(200)
                .body("state", equalTo("CLEARED")).body("case.decision", equalTo("CLEAR"))
                .body("case.reason", equalTo("Pasted text is a quote of response A."))
                .body("case.decidedBy", equalTo(admin1Id.toString())).body("case.decidedAt", notNullValue())
                .body("case.appeal", nullValue());
        assertEquals("SUBMITTED", judgmentState(w));
        assertEquals(List.of(List.of("CLEAR", admin1Id, "FLAGGED", "CLEARED", "NONE")), query(db, "select action, actor_id, "
                + "state_from, state_to, judgment_effect from session_case_audit where session_id = ?::uuid", w.sessionId()));

        EventEnvelope cleared = event(e -> e.hasSessionCleared() && e.getSessionCleared().getSessionId().equals(w.sessionId()));
        assertEquals(w.judgmentId(), cleared.getSessionCleared().getJudgmentId());
        assertEquals(admin1Id.toString(), cleared.getSessionCleared().getAdminId());
        assertFalse(cleared.getSessionCleared().getOnAppeal());

        // decided once: a second decision, by anyone, changes nothing
        String before = snapshot(w);
        decide(admin2, w, "CONFIRM", "Second thoughts.").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/session-not-flagged")).body("state", equalTo("CLEARED"))
                .body("detail", containsString("The session is CLEARED")).body("detail", containsString("FLAGGED"));
        assertEquals(before, snapshot(w));
        // a cleared session cannot be appealed
        appeal(w.job().tokenA(), w, "I did nothing wrong.").statusCode(409).body("type", endsWith("/session-not-confirmed"));
        assertEquals(before, snapshot(w));
    }

    @Test
    void shouldVoidAConfirmedJudgmentAndRestoreItOnANewSlotWhenAnAppealIsOverturned() throws Exception {
        Job job = newJob();
        Worked w = flagged(job);
        claimBy(job.tokenB()).statusCode(204); // the item's only slot is done

        decide(admin1, w, "CONFIRM", "The rationale was pasted from a model.").statusCode(201)
                .body("state", equalTo("CONFIRMED")).body("judgmentId", equalTo(w.judgmentId()))
                .body("judgmentEffect", equalTo("VOIDED"));
        assertEquals("VOID", judgmentState(w));
        assertEquals(List.of(List.of("VOID", "SUBMITTED")), query(db, "select state, state_before_void from task where id = ?::uuid",
                w.taskId()));
        assertEquals(0, export(job).size(), "a void judgment is never exported");
        given().auth().oauth2(lab).get("/api/jobs/" + job.id() + "/progress").then().statusCode(200)
                .body("judgmentsSubmitted", equalTo(0)).body("spent.amountMinor", equalTo(0));
        EventEnvelope confirmed = event(e -> e.hasSessionFraudConfirmed()
                && e.getSessionFraudConfirmed().getSessionId().equals(w.sessionId()));
        assertEquals(w.judgmentId(), confirmed.getSessionFraudConfirmed().getJudgmentId());
        assertEquals(admin1Id.toString(), confirmed.getSessionFraudConfirmed().getAdminId());
        assertTrue(count(db, "select count(*) from outbox_message where event_type = 'EXPERT_QUALITY_MEASURED' "
                + "and message_key = ?", job.expertA().toString()) >= 1);

        // the slot reopened: another expert takes it (expert A holds the item still, as a void task)
        String taskB = claimBy(job.tokenB()).statusCode(200).extract().path("taskId");
        claimBy(job.tokenA()).statusCode(204);

        // the appeal: only its owner, once
        String before = snapshot(w);
        appeal(job.tokenB(), w, "Not my session, but let me try.").statusCode(404);
        appeal(lab, w, "A lab tries.").statusCode(403);
        appeal(admin2, w, "An admin tries.").statusCode(403);
        assertEquals(before, snapshot(w));
        appeal(job.tokenA(), w, "I typed every word; the paste was my own notes.").statusCode(201)
                .body("state", equalTo("CONFIRMED"));
        String appealed = snapshot(w);
        appeal(job.tokenA(), w, "Again.").statusCode(409).body("type", endsWith("/appeal-made"));
        assertEquals(appealed, snapshot(w));

        // the confirming admin may not decide the appeal
        appealDecision(admin1, w, "OVERTURN", "I was wrong.").statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/second-admin-required")).body("detail", containsString("another admin"));
        assertEquals(appealed, snapshot(w));

        appealDecision(admin2, w, "OVERTURN", "The notes predate the session.").statusCode(201)
                .body("state", equalTo("CLEARED")).body("judgmentEffect", equalTo("RESTORED_ON_NEW_SLOT"));
        assertEquals("SUBMITTED", judgmentState(w));
        // the restored task holds a slot of its own, done; expert B keeps the one they took
        assertEquals(List.of(List.of("SUBMITTED", "DONE", 2)), query(db, "select t.state, s.state, s.slot_index from task t "
                + "join item_slot s on s.id = t.slot_id and s.task_id = t.id where t.id = ?::uuid", w.taskId()));
        assertEquals(List.of(List.of("LEASED", 1)), query(db, "select s.state, s.slot_index from task t join item_slot s "
                + "on s.id = t.slot_id and s.task_id = t.id where t.id = ?::uuid", taskB));
        assertEquals(List.of(w.judgmentId()), export(job).stream().map(r -> r.get("judgment_id")).toList());

        given().auth().oauth2(job.tokenA()).get("/api/sessions/" + w.sessionId()).then().statusCode(200)
                .body("state", equalTo("CLEARED")).body("case.decision", equalTo("CONFIRM"))
                .body("case.decidedBy", equalTo(admin1Id.toString()))
                .body("case.appeal.statement", equalTo("I typed every word; the paste was my own notes."))
                .body("case.appeal.decision", equalTo("OVERTURN")).body("case.appeal.decidedBy", equalTo(admin2Id.toString()));
        EventEnvelope decided = event(e -> e.hasAppealDecided() && e.getAppealDecided().getSessionId().equals(w.sessionId()));
        assertEquals(AppealDecision.APPEAL_DECISION_OVERTURN, decided.getAppealDecided().getDecision());
        assertEquals(admin2Id.toString(), decided.getAppealDecided().getAdminId());
        EventEnvelope onAppeal = event(e -> e.hasSessionCleared() && e.getSessionCleared().getSessionId().equals(w.sessionId()));
        assertTrue(onAppeal.getSessionCleared().getOnAppeal());
        assertEquals(List.of("CONFIRM", "APPEAL", "OVERTURN"), query(db, "select action from session_case_audit "
                + "where session_id = ?::uuid order by id", w.sessionId()).stream().map(r -> r.get(0)).toList());

        // decided: nothing more to decide
        String settled = snapshot(w);
        appealDecision(admin2, w, "UPHOLD", "Changed my mind.").statusCode(409).body("type", endsWith("/no-appeal-pending"));
        assertEquals(settled, snapshot(w));
    }

    @Test
    void shouldRestoreAJudgmentOntoItsOwnSlotWhenNobodyTookIt() {
        Job job = newJob();
        Worked w = flagged(job);
        Object slot = query(db, "select slot_id from task where id = ?::uuid", w.taskId()).get(0).get(0);
        decide(admin2, w, "CONFIRM", "Typing too regular.").statusCode(201);
        assertEquals(List.of(List.of("OPEN")), query(db, "select s.state from task t join item_slot s on s.id = t.slot_id "
                + "where t.id = ?::uuid", w.taskId()));
        appeal(job.tokenA(), w, "I type with a metronome.").statusCode(201);
        appealDecision(admin1, w, "OVERTURN", "Plausible.").statusCode(201).body("judgmentEffect", equalTo("RESTORED"));
        assertEquals(List.of(List.of("SUBMITTED", "DONE", slot)), query(db, "select t.state, s.state, s.id from task t "
                + "join item_slot s on s.id = t.slot_id and s.task_id = t.id where t.id = ?::uuid", w.taskId()));
        assertEquals(1, count(db, "select count(*) from item_slot where job_id = ?::uuid", job.id().toString()));
        assertEquals("SUBMITTED", judgmentState(w));
    }

    @Test
    void shouldKeepAConfirmationAnUpheldAppealLeaves() {
        Job job = newJob();
        Worked w = flagged(job);
        decide(admin1, w, "CONFIRM", "Two accounts on one device.").statusCode(201);
        appeal(job.tokenA(), w, "My brother used my laptop.").statusCode(201);
        appealDecision(admin2, w, "UPHOLD", "Sharing a device with a second account is not allowed.").statusCode(201)
                .body("state", equalTo("CONFIRMED")).body("judgmentEffect", equalTo("NONE"));
        assertEquals("VOID", judgmentState(w));
        assertEquals(List.of(List.of("CONFIRMED")), query(db, "select state from work_session where id = ?::uuid", w.sessionId()));
        EventEnvelope decided = event(e -> e.hasAppealDecided() && e.getAppealDecided().getSessionId().equals(w.sessionId()));
        assertEquals(AppealDecision.APPEAL_DECISION_UPHOLD, decided.getAppealDecided().getDecision());
        assertEquals(0, count(db, "select count(*) from outbox_message where event_type = 'SESSION_CLEARED' "
                + "and message_key = ?", job.expertA().toString()));
        String settled = snapshot(w);
        appeal(job.tokenA(), w, "Once more.").statusCode(409).body("type", endsWith("/appeal-made"));
        appealDecision(admin1, w, "OVERTURN", "Overturn after all.").statusCode(409);
        assertEquals(settled, snapshot(w));
    }

    @Test
    void shouldRefuseBadInputWrongStatesAndWrongPeopleAndChangeNothing() {
        Job job = newJob();
        Worked closed = submitted(job); // closed, not flagged
        String before = snapshot(closed);
        decide(admin1, closed, "CLEAR", "Nothing to see.").statusCode(409).body("type", endsWith("/session-not-flagged"))
                .body("state", equalTo("CLOSED"));
        assertEquals(before, snapshot(closed));

        Worked w = flagged(newJob());
        before = snapshot(w);
        given().auth().oauth2(admin1).contentType(ContentType.JSON).body(Map.of("decision", "CONFIRM"))
                .post("/api/admin/sessions/" + w.sessionId() + "/decision").then().statusCode(400)
                .body("type", endsWith("/validation")).body("violations.field", hasItem("reason"));
        decide(admin1, w, "CONFIRM", "   ").statusCode(400).body("violations.field", hasItem("reason"));
        decide(admin1, w, "CONFIRM", "x".repeat(4001)).statusCode(400).body("violations[0].field", equalTo("reason"))
                .body("violations[0].message", equalTo("must be at most 4000 characters"));
        decide(admin1, w, "BAN", "No.").statusCode(400).body("violations[0].field", equalTo("decision"))
                .body("violations[0].message", containsString("CLEAR, CONFIRM"));
        decide(w.job().tokenA(), w, "CLEAR", "I clear myself.").statusCode(403);
        decide(lab, w, "CONFIRM", "Labs do not decide.").statusCode(403);
        decide(otherLab, w, "CONFIRM", "Nor other labs.").statusCode(403);
        given().auth().oauth2(admin1).contentType(ContentType.JSON).body(Map.of("decision", "CLEAR", "reason", "Fine."))
                .post("/api/admin/sessions/" + UUID.randomUUID() + "/decision").then().statusCode(404);
        // before a confirmation there is nothing to appeal, nor an appeal to decide
        appeal(w.job().tokenA(), w, "Too early.").statusCode(409).body("type", endsWith("/session-not-confirmed"))
                .body("detail", containsString("FLAGGED"));
        appealDecision(admin2, w, "OVERTURN", "Too early.").statusCode(409).body("type", endsWith("/no-appeal-pending"));
        appeal(w.job().tokenA(), w, "").statusCode(400).body("violations[0].field", equalTo("statement"));
        appealDecision(admin2, w, "PARDON", "No.").statusCode(400).body("violations[0].field", equalTo("decision"));
        assertEquals(before, snapshot(w));
    }

    @Test
    void shouldRefuseInTheDatabaseWhatTheRulesRefuse() {
        Worked w = flagged(newJob());
        decide(admin1, w, "CONFIRM", "Scripted typing.").statusCode(201);
        appeal(w.job().tokenA(), w, "No script.").statusCode(201);
        // the confirming admin deciding the appeal, a second decision, a rewritten audit line: each refused by PostgreSQL
        assertThrows(IllegalStateException.class, () -> update(db, "update session_case set appeal_decision = 'OVERTURN', "
                + "appeal_reason = 'x', appeal_decided_by = decided_by, appeal_decided_at = now() where session_id = ?::uuid",
                w.sessionId()));
        assertThrows(IllegalStateException.class, () -> update(db, "insert into session_case (session_id, decision, reason, "
                + "decided_by) values (?::uuid, 'CLEAR', 'again', gen_random_uuid())", w.sessionId()));
        assertThrows(IllegalStateException.class, () -> update(db, "update session_case set reason = 'edited' "
                + "where session_id = ?::uuid", w.sessionId()));
        assertThrows(IllegalStateException.class, () -> update(db, "update session_case_audit set text = 'edited' "
                + "where session_id = ?::uuid", w.sessionId()));
        assertThrows(IllegalStateException.class, () -> update(db, "update judgment set state = 'VOID', state_before_void = null "
                + "where id = ?::uuid", w.judgmentId()));
    }

    // --- helpers

    Job newJob() {
        String domain = uniqueDomain();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        qualify(db, a, domain, 1);
        qualify(db, b, domain, 1);
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        return new Job(job, domain, a, TestJwt.expert(a), b, TestJwt.expert(b));
    }

    /** Expert A claims the job's item and submits a judgment: the claim session closes. */
    Worked submitted(Job job) {
        var claim = claimBy(job.tokenA()).statusCode(200).extract();
        String taskId = claim.path("taskId");
        String judgmentId = given().auth().oauth2(job.tokenA()).contentType(ContentType.JSON)
                .body(judgment(List.of("A", "B"), -1)).post("/api/tasks/" + taskId + "/judgment").then().statusCode(201)
                .extract().path("judgmentId");
        return new Worked(job, taskId, judgmentId, claim.path("sessionId"));
    }

    Worked flagged(Job job) {
        Worked w = submitted(job);
        flagForTest(w.sessionId());
        return w;
    }

    /**
     * Puts a closed session into FLAGGED the way the finaliser will (finalised, signals stored, pay held
     * at its active time): a stand-in until the real finaliser path exists, to be swapped for it.
     */
    void flagForTest(String sessionId) {
        String signals = "[{\"name\":\"external-paste\",\"family\":\"INPUT_PROVENANCE\",\"value\":0.8,\"threshold\":0.3,"
                + "\"fired\":true,\"evidence\":[]},{\"name\":\"fast-reading\",\"family\":\"ATTENTION\",\"value\":0.9,"
                + "\"threshold\":0.2,\"fired\":false,\"evidence\":[]},{\"name\":\"fast-typing\",\"family\":\"INPUT_PROVENANCE\","
                + "\"value\":25,\"threshold\":15,\"fired\":true,\"evidence\":[]}]";
        assertEquals(1, update(db, "update work_session set state = 'FLAGGED', finalised_at = now(), signals = ?::jsonb, "
                + "paid_seconds = active_seconds where id = ?::uuid and state = 'CLOSED'", signals, sessionId));
    }

    ValidatableResponse claimBy(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post("/api/tasks/claim").then();
    }

    ValidatableResponse decide(String token, Worked w, String decision, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/admin/sessions/" + w.sessionId() + "/decision").then();
    }

    ValidatableResponse appeal(String token, Worked w, String statement) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("statement", statement))
                .post("/api/sessions/" + w.sessionId() + "/appeal").then();
    }

    ValidatableResponse appealDecision(String token, Worked w, String decision, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("decision", decision, "reason", reason))
                .post("/api/admin/sessions/" + w.sessionId() + "/appeal-decision").then();
    }

    String judgmentState(Worked w) {
        return (String) query(db, "select state from judgment where id = ?::uuid", w.judgmentId()).get(0).get(0);
    }

    List<Map<String, Object>> export(Job job) {
        String body = given().auth().oauth2(lab).get("/api/jobs/" + job.id() + "/export?format=native&status=all").then()
                .statusCode(200).extract().asString();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                rows.add(io.restassured.path.json.JsonPath.from(line).getMap(""));
            }
        }
        return rows;
    }

    /** Every row a decision could touch, as text: equal before and after a refusal means nothing changed. */
    String snapshot(Worked w) {
        return query(db, "select state, finalised_at, paid_seconds from work_session where id = ?::uuid", w.sessionId())
                + "|" + query(db, "select * from session_case where session_id = ?::uuid", w.sessionId())
                + "|" + query(db, "select id, action from session_case_audit where session_id = ?::uuid order by id", w.sessionId())
                + "|" + query(db, "select state, state_before_void, spot_check from judgment where id = ?::uuid", w.judgmentId())
                + "|" + query(db, "select state, state_before_void, slot_id from task where id = ?::uuid", w.taskId())
                + "|" + query(db, "select id, state, task_id from item_slot where job_id = ?::uuid order by id", w.job().id().toString())
                + "|" + query(db, "select count(*) from outbox_message where message_key = ?", w.job().expertA().toString());
    }

    EventEnvelope event(Predicate<EventEnvelope> matching) {
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            return kafka.awaitEnvelope(Topics.TASKS, matching, Duration.ofSeconds(30));
        }
    }
}
