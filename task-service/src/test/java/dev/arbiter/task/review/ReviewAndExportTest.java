package dev.arbiter.task.review;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.query;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class ReviewAndExportTest {

    static final Map<String, Object> ACCEPT = Map.of("decision", "ACCEPT", "strengths", "Precise critiques.", "issues", "None.");

    @Inject
    AgroalDataSource db;

    final String labA = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final String labB = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final String admin = TestJwt.admin(UUID.randomUUID());

    /** A RANK job of {@code items} items × 3 responses, every slot judged; the judgment ids. */
    List<String> judgedJob(String domain, UUID job, List<UUID> experts) {
        List<String> judgments = new ArrayList<>();
        for (UUID expert : experts) {
            qualify(db, expert, domain, 2);
            while (true) {
                var claim = given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                        .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
                if (claim.statusCode() == 204) {
                    break;
                }
                String task = claim.then().statusCode(200).extract().path("taskId");
                judgments.add(given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                        .body(judgment(List.of("A", "B", "C"), null)).post("/api/tasks/" + task + "/judgment")
                        .then().statusCode(201).extract().path("judgmentId"));
            }
        }
        return judgments;
    }

    UUID publishedJob(String domain, int items, int spotCheckPercent) {
        Map<String, Object> spec = Fixtures.job(domain, "RANK", 2);
        spec.put("spotCheckPercent", spotCheckPercent);
        UUID job = createJob(labA, spec);
        upload(labA, job, items(items, 3));
        Fixtures.publish(labA, job);
        return job;
    }

    @Test
    void shouldLetOnlyAQualifiedReviewerWhoIsNotTheAuthorDecideWithStrengthsAndIssues() {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, 2, 0);
        UUID author = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<String> judgments = judgedJob(domain, job, List.of(author, second));
        assertEquals(4, judgments.size());
        String mine = judgments.get(0);
        UUID reviewer = UUID.randomUUID();
        String reviewerToken = TestJwt.expert(reviewer);

        // not qualified: nothing to review and no decision; the author never reviews their own; labs never review
        given().auth().oauth2(reviewerToken).get("/api/reviews/next").then().statusCode(204);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + mine)
                .then().statusCode(403);
        given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + mine)
                .then().statusCode(403);
        given().auth().oauth2(labA).get("/api/reviews/next").then().statusCode(403);
        qualify(db, reviewer, domain, 3);
        given().auth().oauth2(reviewerToken).get("/api/reviews/next").then().statusCode(200)
                .body("kind", equalTo("REVIEW")).body("judgment.ranking", equalTo(List.of("A", "B", "C")))
                .body("item.responses[0].model", nullValue());
        // strengths are required as well as issues
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT", "issues", "None.")).post("/api/reviews/" + mine).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + mine)
                .then().statusCode(201).body("judgmentState", equalTo("ACCEPTED"));
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + mine)
                .then().statusCode(409);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + UUID.randomUUID())
                .then().statusCode(404);

        // a revision goes back to its author with the feedback, and comes back when resubmitted
        String revised = judgments.get(1);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON)
                .body(Map.of("decision", "REVISE", "strengths", "Good ranking.", "issues", "Clarity rationale is thin."))
                .post("/api/reviews/" + revised).then().statusCode(201).body("judgmentState", equalTo("REVISION"));
        String task = query(db, "select task_id::text from judgment where id = ?::uuid", revised).get(0).get(0).toString();
        given().auth().oauth2(TestJwt.expert(author)).get("/api/tasks/" + task).then().statusCode(200)
                .body("state", equalTo("REVISION")).body("feedback.strengths", equalTo("Good ranking."))
                .body("feedback.issues", equalTo("Clarity rationale is thin."))
                .body("leaseExpiresAt", notNullValue());
        // the revision shows the judgment as its author submitted it, and the draft starts from it
        Map<String, Object> previous = given().auth().oauth2(TestJwt.expert(author)).get("/api/tasks/" + task).then()
                .extract().path("previousJudgment");
        assertEquals(3, ((List<?>) previous.get("ranking")).size());
        assertEquals(previous, given().auth().oauth2(TestJwt.expert(author)).get("/api/tasks/" + task).then()
                .extract().path("draft"));
        given().auth().oauth2(TestJwt.expert(second)).get("/api/tasks/" + task).then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(author)).contentType(ContentType.JSON).body(judgment(List.of("B", "A", "C"), null))
                .post("/api/tasks/" + task + "/judgment").then().statusCode(201).body("judgmentId", equalTo(revised));
        assertEquals("SUBMITTED", query(db, "select state from judgment where id = ?::uuid", revised).get(0).get(0));

        // a rejection reopens the slot for another expert
        String rejected = judgments.get(2);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECT", "strengths", "Fast.", "issues", "Ranking contradicts the scores."))
                .post("/api/reviews/" + rejected).then().statusCode(201).body("judgmentState", equalTo("REJECTED"));
        UUID third = UUID.randomUUID();
        qualify(db, third, domain, 1);
        given().auth().oauth2(TestJwt.expert(third)).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200);
        assertEquals(3, count(db, "select count(*) from outbox_message where event_type = 'JUDGMENT_REVIEWED' "
                + "and message_key in (?, ?)", author.toString(), second.toString()));
        given().auth().oauth2(TestJwt.expert(author)).get("/api/tasks/quality").then().statusCode(200)
                .body("find { it.domain == '" + domain + "' }.decidedJudgments", notNullValue());
    }

    @Test
    void shouldSendAcceptedJudgmentsToAdminSpotChecksAndLetTheLabDispute() {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, 1, 100);
        List<String> judgments = judgedJob(domain, job, List.of(UUID.randomUUID()));
        UUID reviewer = UUID.randomUUID();
        qualify(db, reviewer, domain, 3);
        String reviewerToken = TestJwt.expert(reviewer);
        String judgmentId = judgments.get(0);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + judgmentId)
                .then().statusCode(201);
        assertEquals(Boolean.TRUE, query(db, "select spot_check from judgment where id = ?::uuid", judgmentId).get(0).get(0));
        // only admins spot-check
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + judgmentId)
                .then().statusCode(403);
        given().auth().oauth2(admin).get("/api/reviews/next").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + judgmentId)
                .then().statusCode(201).body("judgmentState", equalTo("ACCEPTED"));
        assertEquals(Boolean.FALSE, query(db, "select spot_check from judgment where id = ?::uuid", judgmentId).get(0).get(0));

        // another organization cannot dispute it; the owner can, and an admin decides
        given().auth().oauth2(labB).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/jobs/" + job + "/judgments/" + judgmentId + "/dispute").then().statusCode(404);
        given().auth().oauth2(labA).contentType(ContentType.JSON).body(Map.of("reason", "Response B is actually right."))
                .post("/api/jobs/" + job + "/judgments/" + judgmentId + "/dispute").then().statusCode(202);
        given().auth().oauth2(reviewerToken).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + judgmentId)
                .then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECT", "strengths", "Thorough.", "issues", "The lab is right about B."))
                .post("/api/reviews/" + judgmentId).then().statusCode(201).body("judgmentState", equalTo("REJECTED"));
        assertEquals(Set.of("REVIEW", "SPOT_CHECK", "DISPUTE"), Set.copyOf(query(db,
                "select distinct kind from review where judgment_id = ?::uuid", judgmentId).stream().map(r -> r.get(0)).toList()));
    }

    @Test
    void shouldExportAcceptedJudgmentsInEachFormatWithOriginalResponseIds() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, 2, 0);
        List<String> judgments = judgedJob(domain, job, List.of(UUID.randomUUID(), UUID.randomUUID()));
        UUID reviewer = UUID.randomUUID();
        qualify(db, reviewer, domain, 3);
        for (String j : judgments.subList(0, 3)) {
            given().auth().oauth2(TestJwt.expert(reviewer)).contentType(ContentType.JSON).body(ACCEPT).post("/api/reviews/" + j)
                    .then().statusCode(201);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> trl = export(job, "trl", json);
        assertEquals(3 * 3, trl.size(), "three pairs per judgment of three responses");
        JsonNode row = trl.get(0);
        assertTrue(row.get("chosen_id").asText().matches("r[123]"), row.toString());
        assertTrue(row.get("chosen").asText().startsWith("Answer " + row.get("chosen_id").asText().substring(1)), row.toString());
        assertTrue(row.has("prompt") && row.has("rejected") && row.has("judgment_id") && row.has("expert_tier")
                && row.has("preference_strength"), row.toString());
        List<JsonNode> hh = export(job, "hh", json);
        assertEquals(9, hh.size());
        assertTrue(hh.get(0).get("chosen").asText().startsWith("\n\nHuman: Question "), hh.get(0).toString());
        List<JsonNode> helpsteer = export(job, "helpsteer", json);
        assertEquals(9, helpsteer.size());
        assertTrue(helpsteer.get(0).has("accuracy") && helpsteer.get(0).has("clarity") && helpsteer.get(0).has("rationales"));
        List<JsonNode> nativeRows = export(job, "native", json);
        assertEquals(3, nativeRows.size());
        JsonNode n = nativeRows.get(0);
        assertEquals("ACCEPT", n.get("reviews").get(0).get("decision").asText());
        assertTrue(n.get("critiques").get(0).get("responseId").asText().matches("r[123]"), n.toString());
        assertTrue(n.get("responses").get(0).has("model"), n.toString());
        assertEquals(4, export(job, "native&status=submitted", json).size());
        // every row says which response each label showed that expert, so rationales naming labels can be read
        for (List<JsonNode> rows : List.of(trl, hh, helpsteer, nativeRows)) {
            for (JsonNode r : rows) {
                List<Object> order = query(db, "select t.response_order::text from judgment d join task t on t.id = d.task_id "
                        + "where d.id = ?::uuid", r.get("judgment_id").asText()).get(0);
                JsonNode expected = json.readTree((String) order.get(0));
                assertEquals(List.of("A", "B", "C"), iterable(r.get("labels").fieldNames()), r.toString());
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected.get(i).asText(), r.get("labels").get(String.valueOf((char) ('A' + i))).asText());
                }
            }
        }

        // and its provenance: submitted sessions not yet finalised show CLOSED, their stored active time, no paste share
        for (List<JsonNode> rows : List.of(trl, hh, helpsteer, nativeRows)) {
            for (JsonNode r : rows) {
                long active = count(db, "select sum(s.active_seconds) from work_session s join judgment d on d.task_id = s.task_id "
                        + "where d.id = ?::uuid", r.get("judgment_id").asText());
                assertEquals("CLOSED", r.get("session_state").asText(), r.toString());
                assertEquals(active, r.get("active_seconds").asLong(), r.toString());
                assertTrue(r.has("external_paste_share") && r.get("external_paste_share").isNull(), r.toString());
            }
        }

        given().auth().oauth2(labA).get("/api/jobs/" + job + "/export?format=csv").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(labB).get("/api/jobs/" + job + "/export?format=trl").then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(reviewer)).get("/api/jobs/" + job + "/export?format=trl").then().statusCode(403);
        given().auth().oauth2(labA).get("/api/jobs/" + job + "/progress").then().statusCode(200)
                .body("judgmentsRequired", equalTo(4)).body("judgmentsSubmitted", equalTo(4))
                .body("judgmentsAccepted", equalTo(3)).body("agreement.alpha", notNullValue())
                .body("agreement.dimensions.accuracy", notNullValue()).body("spent.currency", equalTo("USD"));
    }

    @Test
    void shouldExportEachJudgmentsProvenanceExactlyAndKeepOnlyVerifiedSessionsWhenAsked() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, 6, 0);
        UUID expert = UUID.randomUUID();
        List<String> j = judgedJob(domain, job, List.of(expert));
        assertEquals(6, j.size());
        // claim sessions finalised by fixture, revisions added by fixture: the finaliser is not this test's subject
        setSessionStateForTest(claimSession(j.get(0)), "VERIFIED", 600, 0.25);
        addRevisionSessionForTest(j.get(0), "CLEARED", 120, 0.5);
        setSessionStateForTest(claimSession(j.get(1)), "VERIFIED", 300, 0.1);
        addRevisionSessionForTest(j.get(1), "CLOSED", 60, null);
        setSessionStateForTest(claimSession(j.get(2)), "FLAGGED", 200, 0.9);
        setSessionStateForTest(claimSession(j.get(3)), "CONFIRMED", 50, 1.0);
        setSessionStateForTest(claimSession(j.get(4)), "VERIFIED", 450, 0.0);
        setSessionStateForTest(claimSession(j.get(5)), "VERIFIED", 90, 0.0);
        addRevisionSessionForTest(j.get(5), "CONFIRMED", 30, 1.0);

        record Expected(String state, long active, Double share) {
        }
        Map<String, Expected> expected = Map.of(
                j.get(0), new Expected("CLEARED", 720, 0.5),     // least trusted of VERIFIED and CLEARED; the revision's share
                j.get(1), new Expected("CLOSED", 360, null),     // the revision that submitted the text is not finalised yet
                j.get(2), new Expected("FLAGGED", 200, 0.9),
                j.get(4), new Expected("VERIFIED", 450, 0.0));
        ObjectMapper json = new ObjectMapper();
        for (String format : List.of("native", "trl", "hh", "helpsteer")) {
            List<JsonNode> rows = export(job, format + "&status=all", json);
            assertEquals(expected.keySet(), Set.copyOf(rows.stream().map(r -> r.get("judgment_id").asText()).toList()),
                    format + ": a judgment with a confirmed session is never exported");
            for (JsonNode r : rows) {
                Expected e = expected.get(r.get("judgment_id").asText());
                assertEquals(e.state(), r.get("session_state").asText(), format + " " + r);
                assertEquals(e.active(), r.get("active_seconds").asLong(), format + " " + r);
                if (e.share() == null) {
                    assertTrue(r.get("external_paste_share").isNull(), format + " " + r);
                } else {
                    assertEquals(e.share(), r.get("external_paste_share").asDouble(), 0.0, format + " " + r);
                }
            }
            // verified=true keeps the judgments whose every session is VERIFIED or CLEARED
            List<JsonNode> verified = export(job, format + "&status=all&verified=true", json);
            assertEquals(Set.of(j.get(0), j.get(4)), Set.copyOf(verified.stream().map(r -> r.get("judgment_id").asText()).toList()),
                    format);
            assertEquals(rows.size() * 2 / 4, verified.size(), format + ": two of four judgments, same rows per judgment");
        }
        assertEquals(2, export(job, "native&status=submitted&verified=TRUE", json).size());
        assertEquals(4, export(job, "native&status=submitted&verified=false", json).size());

        given().auth().oauth2(labA).get("/api/jobs/" + job + "/export?verified=yes").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("verified"));
        given().auth().oauth2(labB).get("/api/jobs/" + job + "/export?verified=true").then().statusCode(404);
        given().auth().oauth2(TestJwt.expert(expert)).get("/api/jobs/" + job + "/export?verified=true").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/jobs/" + job + "/export?verified=true&status=all").then().statusCode(200);
    }

    /**
     * The pair formats write their rows straight from what PostgreSQL returns (the responses' texts, the ranking and the
     * response order as text arrays): each line must be, byte for byte, the row built as a tree from the stored JSON
     * documents, for texts with everything JSON escapes, over more than one 32 kB chunk.
     */
    @Test
    void shouldExportPairRowsByteForByteAsBuiltFromTheStoredDocumentsAcrossChunks() throws Exception {
        String domain = uniqueDomain();
        Map<String, Object> spec = Fixtures.job(domain, "RANK", 2);
        spec.put("spotCheckPercent", 0);
        UUID job = createJob(labA, spec);
        ObjectMapper json = new ObjectMapper();
        StringBuilder ndjson = new StringBuilder();
        Set<String> sent = new java.util.HashSet<>();
        String tricky = "\"quoted\" back\\slash tab\t line\n cr\r \u0001\u001f\u007f caf\u00e9 \u4e2d\u6587 \ud83d\ude00 "
                + "\u2028\u2029 </script> ";
        for (int i = 0; i < 3; i++) {
            List<Map<String, Object>> responses = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                String text = ("Answer " + r + " to " + i + ": " + tricky).repeat(60);
                sent.add(text);
                responses.add(Map.of("id", "r" + r, "text", text, "model", "m"));
            }
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            if (i != 1) {
                item.put("externalId", "x" + i + tricky);
            }
            item.put("prompt", "Question " + i + "? " + tricky);
            item.put("responses", responses);
            ndjson.append(json.writeValueAsString(item)).append('\n');
        }
        Fixtures.upload(labA, job, ndjson.toString());
        Fixtures.publish(labA, job);
        judgedJob(domain, job, List.of(UUID.randomUUID(), UUID.randomUUID()));

        List<List<Object>> stored = query(db, "select d.id::text, d.item_id::text, i.external_id, i.prompt, i.responses::text, "
                + "d.ranking::text, d.preference_strength, d.expert_tier, t.response_order::text, "
                + "(select min(s.state) from work_session s where s.task_id = d.task_id), "
                + "(select count(*) from work_session s where s.task_id = d.task_id), "
                + "(select sum(s.active_seconds) from work_session s where s.task_id = d.task_id) "
                + "from judgment d join item i on i.id = d.item_id join task t on t.id = d.task_id "
                + "where d.job_id = ?::uuid order by d.submitted_at, d.id", job);
        assertEquals(6, stored.size());
        for (String format : List.of("trl", "hh")) {
            StringBuilder expected = new StringBuilder();
            for (List<Object> j : stored) {
                assertEquals(1L, ((Number) j.get(10)).longValue(), "one claim session, whose state is the judgment's");
                Map<String, String> texts = new java.util.HashMap<>();
                json.readTree((String) j.get(4)).forEach(r -> texts.put(r.get("id").asText(), r.get("text").asText()));
                assertTrue(sent.containsAll(texts.values()), "the upload stored the texts as sent");
                List<String> ranking = new ArrayList<>();
                json.readTree((String) j.get(5)).forEach(id -> ranking.add(id.asText()));
                var labels = json.createObjectNode();
                JsonNode order = json.readTree((String) j.get(8));
                for (int i = 0; i < order.size(); i++) {
                    labels.put(String.valueOf((char) ('A' + i)), order.get(i).asText());
                }
                Integer strength = (Integer) j.get(6);
                for (int a = 0; a < ranking.size(); a++) {
                    for (int b = a + 1; b < ranking.size(); b++) {
                        String better = ranking.get(a);
                        String worse = ranking.get(b);
                        var row = json.createObjectNode();
                        if (format.equals("trl")) {
                            row.put("prompt", (String) j.get(3)).put("chosen", texts.get(better)).put("rejected", texts.get(worse));
                        } else {
                            String human = "\n\nHuman: " + j.get(3) + "\n\nAssistant: ";
                            row.put("chosen", human + texts.get(better)).put("rejected", human + texts.get(worse));
                        }
                        row.put("chosen_id", better).put("rejected_id", worse).put("judgment_id", (String) j.get(0))
                                .put("item_id", (String) j.get(1));
                        if (format.equals("trl")) {
                            row.put("external_id", (String) j.get(2)).put("expert_tier", ((Number) j.get(7)).intValue())
                                    .put("preference_strength", strength != null ? Math.abs(strength) : b - a);
                        }
                        row.set("labels", labels);
                        row.put("session_state", (String) j.get(9)).put("active_seconds", ((Number) j.get(11)).longValue())
                                .putNull("external_paste_share");
                        // as bytes, like the service: its UTF-8 generator escapes each half of a surrogate pair
                        expected.append(new String(json.writeValueAsBytes(row), java.nio.charset.StandardCharsets.UTF_8))
                                .append('\n');
                    }
                }
            }
            byte[] body = given().auth().oauth2(labA).get("/api/jobs/" + job + "/export?status=submitted&format=" + format)
                    .then().statusCode(200).extract().asByteArray();
            assertTrue(body.length > 2 * 32 * 1024, "more than two chunks: " + body.length);
            String[] want = expected.toString().split("\n", -1);
            String[] got = new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            assertEquals(want.length, got.length, format + ": rows");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], format + " row " + i);
            }
            assertTrue(java.util.Arrays.equals(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), body),
                    format + ": the same bytes");
        }
    }

    String claimSession(String judgmentId) {
        return query(db, "select s.id::text from work_session s join judgment d on d.task_id = s.task_id "
                + "where d.id = ?::uuid and s.kind = 'CLAIM'", judgmentId).get(0).get(0).toString();
    }

    /**
     * TEST FIXTURE: puts a closed session in a state the finaliser (built elsewhere) or an admin would give it,
     * with what V8 requires of that state: finalised_at, signals and paid_seconds once finalised.
     */
    void setSessionStateForTest(String sessionId, String state, long activeSeconds, Double pasteShare) {
        boolean finalised = !state.equals("CLOSED");
        assertEquals(1, Fixtures.update(db, "update work_session set state = ?, active_seconds = ?, paid_seconds = ?, "
                        + "external_paste_share = ?, signals = case when ? then '[]'::jsonb end, "
                        + "finalised_at = case when ? then closed_at + interval '31 seconds' end where id = ?::uuid",
                state, activeSeconds, finalised ? activeSeconds : null, pasteShare, finalised, finalised, sessionId));
    }

    /** TEST FIXTURE: a revision session of the judgment's task, submitted after its claim session, then put in {@code state}. */
    void addRevisionSessionForTest(String judgmentId, String state, long activeSeconds, Double pasteShare) {
        String id = UUID.randomUUID().toString();
        assertEquals(1, Fixtures.update(db, "insert into work_session (id, task_id, expert_id, job_id, kind, state, opened_at, "
                + "closed_at, close_reason, counts_until, active_seconds) select ?::uuid, d.task_id, d.expert_id, d.job_id, "
                + "'REVISION', 'CLOSED', c.closed_at + interval '1 hour', c.closed_at + interval '2 hours', 'SUBMITTED', "
                + "c.closed_at + interval '3 hours', ? from judgment d join work_session c on c.task_id = d.task_id "
                + "and c.kind = 'CLAIM' where d.id = ?::uuid", id, activeSeconds, judgmentId));
        setSessionStateForTest(id, state, activeSeconds, pasteShare);
    }

    static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    List<JsonNode> export(UUID job, String format, ObjectMapper json) throws Exception {
        String body = given().auth().oauth2(labA).get("/api/jobs/" + job + "/export?format=" + format).then().statusCode(200)
                .contentType(startsWith("application/x-ndjson")).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                rows.add(json.readTree(line));
            }
        }
        return rows;
    }
}
