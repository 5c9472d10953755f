package dev.arbiter.qualification.keyreview;

import static dev.arbiter.qualification.Fixtures.ADMIN;
import static dev.arbiter.qualification.Fixtures.approve;
import static dev.arbiter.qualification.Fixtures.awaitingReview;
import static dev.arbiter.qualification.Fixtures.blindAnswer;
import static dev.arbiter.qualification.Fixtures.freshDomain;
import static dev.arbiter.qualification.Fixtures.qualifiedExpert;
import static dev.arbiter.qualification.Fixtures.submit;
import static dev.arbiter.qualification.Fixtures.unknownExact;
import static dev.arbiter.qualification.Fixtures.verdict;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbiter.qualification.SimulatorResource;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Peer review of answer keys in two steps, over real HTTP: the blind answer first (only then the key),
 * the verdict after it. Each test works in a domain of its own, so that no other test's question
 * comes up for review in it; and in a database of their own, so that these domains do not show in
 * other tests' lists of the catalog.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification_reviews"))
@WithTestResource(SimulatorResource.class)
class AnswerKeyReviewTest {

    /** All that a question to review may show: no key, rubric, rationale or panel answer. */
    static final Set<String> QUESTION_TO_REVIEW = Set.of("questionId", "domain", "prompt", "answerType", "options",
            "reviewsSoFar", "reviewsRequired", "blindAnswer");

    final String admin = TestJwt.admin(ADMIN);

    @Inject
    AgroalDataSource db;

    static Map<String, Object> freeForm(String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("domain", domain);
        body.put("prompt", "Why does the tide table of harbour " + UUID.randomUUID() + " list two high waters a day?");
        body.put("answerType", "FREE_FORM");
        body.put("referenceAnswer", "Because the harbour basin resonates with the semidiurnal lunar constituent.");
        body.put("rubric", "Must name basin resonance with the lunar semidiurnal tide.");
        body.put("rationale", "The harbour authority's survey measured the basin's natural period.");
        return body;
    }

    @Test
    void shouldShowTheKeyOnlyAfterTheBlindAnswerAndTakeTheVerdictAfterThat() {
        String domain = freshDomain();
        String author = TestJwt.expert(UUID.randomUUID());
        Map<String, Object> question = freeForm(domain);
        String id = awaitingReview(author, question);
        JsonPath asAuthor = given().auth().oauth2(author).get("/api/qualification/questions/" + id).then().extract().jsonPath();
        List<String> panelAnswers = asAuthor.getList("attempts.answer", String.class);
        assertEquals(3, panelAnswers.size());

        // The question to review shows nothing of the key, nor what the models answered.
        String next = given().auth().oauth2(admin).queryParam("domain", domain).get("/api/qualification/reviews/next")
                .then().statusCode(200).body("questionId", equalTo(id)).body("blindAnswer", nullValue())
                .body("reviewsSoFar", equalTo(0)).body("reviewsRequired", equalTo(1))
                .extract().asString();
        assertEquals(QUESTION_TO_REVIEW, given().auth().oauth2(admin).queryParam("domain", domain)
                .get("/api/qualification/reviews/next").then().extract().jsonPath().getMap("").keySet());
        for (String secret : List.of((String) question.get("referenceAnswer"), (String) question.get("rubric"),
                (String) question.get("rationale"))) {
            assertFalse(next.contains(secret), "the question to review shows " + secret);
        }
        for (String answer : panelAnswers) {
            assertFalse(next.contains(answer), "the question to review shows a panel answer: " + answer);
        }

        // A verdict before the blind answer is refused, also one that carries a blind answer in the old way.
        verdict(admin, id, approve()).statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/blind-answer-required"));
        Map<String, Object> oneStep = new HashMap<>(approve());
        oneStep.put("blindAnswer", "Basin resonance with the lunar tide.");
        verdict(admin, id, oneStep).statusCode(409).body("type", endsWith("/blind-answer-required"));
        given().auth().oauth2(author).get("/api/qualification/questions/" + id).then()
                .body("status", equalTo("AWAITING_REVIEW")).body("reviews.size()", equalTo(0));

        // The blind answer reveals the key, the rubric, the rationale and the panel's answers.
        blindAnswer(admin, id, "  Basin resonance with the lunar tide.  ").statusCode(200)
                .body("questionId", equalTo(id))
                .body("referenceAnswer", equalTo(question.get("referenceAnswer")))
                .body("rubric", equalTo(question.get("rubric")))
                .body("rationale", equalTo(question.get("rationale")))
                .body("panelAnswers.size()", equalTo(3))
                .body("panelAnswers.model", hasItems("sim-atlas", "sim-borealis", "sim-cirrus"))
                .body("panelAnswers.answer", containsInAnyOrder(panelAnswers.toArray()))
                .body("panelAnswers.verdict", hasItems("INCORRECT"))
                .body("blindAnswer", equalTo("Basin resonance with the lunar tide."))
                .body("blindAgrees", nullValue());
        // The same blind answer again shows the same; another one is refused: the key has been seen.
        blindAnswer(admin, id, "Basin resonance with the lunar tide.").statusCode(200)
                .body("referenceAnswer", equalTo(question.get("referenceAnswer")));
        blindAnswer(admin, id, "Something I thought of after seeing the key").statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/blind-answer-given"))
                .body("blindAnswer", equalTo("Basin resonance with the lunar tide."));
        // Coming back to the queue, the reviewer finds their own blind answer, and still no key.
        given().auth().oauth2(admin).queryParam("domain", domain).get("/api/qualification/reviews/next").then()
                .statusCode(200).body("questionId", equalTo(id))
                .body("blindAnswer", equalTo("Basin resonance with the lunar tide.")).body("referenceAnswer", nullValue());

        // Then the verdict: one admin approval while nobody is qualified in the domain; free form counts.
        verdict(admin, id, oneStep).statusCode(201).body("questionStatus", equalTo("VALID"))
                .body("blindAgrees", nullValue());
        verdict(admin, id, approve()).statusCode(409).body("type", endsWith("/already-reviewed"));
        given().auth().oauth2(author).get("/api/qualification/questions/" + id).then()
                .body("status", equalTo("VALID")).body("reviews.size()", equalTo(1));
        given().auth().oauth2(admin).queryParam("domain", domain).get("/api/qualification/reviews/next").then()
                .statusCode(204);
    }

    @Test
    void shouldKeepAKeyFromBeingValidWhenABlindAnswerMissesItUntilAnotherReviewerReachesIt() {
        String domain = freshDomain();
        String author = TestJwt.expert(UUID.randomUUID());
        String id = awaitingReview(author, unknownExact(domain, "a sign the first reviewer misses"));
        String firstAdmin = TestJwt.admin(UUID.randomUUID());
        String secondAdmin = TestJwt.admin(UUID.randomUUID());

        blindAnswer(firstAdmin, id, "Trousseau sign").statusCode(200).body("blindAgrees", equalTo(false))
                .body("referenceAnswer", equalTo("Kussmaul sign"));
        verdict(firstAdmin, id, approve()).statusCode(201).body("blindAgrees", equalTo(false))
                .body("questionStatus", equalTo("AWAITING_REVIEW"));
        given().auth().oauth2(author).get("/api/qualification/questions/" + id).then().body("status", equalTo("AWAITING_REVIEW"));

        // The approval that missed the key does not count: one more reviewer must reach it.
        given().auth().oauth2(secondAdmin).queryParam("domain", domain).get("/api/qualification/reviews/next").then()
                .statusCode(200).body("questionId", equalTo(id))
                .body("reviewsSoFar", equalTo(1)).body("reviewsRequired", equalTo(2));
        blindAnswer(secondAdmin, id, "kussmaul's sign").statusCode(200).body("blindAgrees", equalTo(false));
        verdict(secondAdmin, id, approve()).statusCode(201).body("questionStatus", equalTo("AWAITING_REVIEW"));

        String thirdAdmin = TestJwt.admin(UUID.randomUUID());
        blindAnswer(thirdAdmin, id, "The Kussmaul sign").statusCode(200).body("blindAgrees", equalTo(true));
        verdict(thirdAdmin, id, approve()).statusCode(201).body("questionStatus", equalTo("VALID"));
    }

    @Test
    void shouldNeedOneMoreQualifiedPeerWhenAPeersBlindAnswerMissesTheKey() {
        String domain = freshDomain();
        List<UUID> peers = List.of(qualifiedExpert(domain), qualifiedExpert(domain), qualifiedExpert(domain));
        String author = TestJwt.expert(UUID.randomUUID());
        String id = awaitingReview(author, unknownExact(domain, "a pulse the second peer misses"));

        blindAnswer(TestJwt.expert(peers.get(0)), id, "Kussmaul sign").statusCode(200).body("blindAgrees", equalTo(true));
        verdict(TestJwt.expert(peers.get(0)), id, approve()).statusCode(201).body("questionStatus", equalTo("AWAITING_REVIEW"));
        blindAnswer(TestJwt.expert(peers.get(1)), id, "Pulsus paradoxus").statusCode(200).body("blindAgrees", equalTo(false));
        verdict(TestJwt.expert(peers.get(1)), id, approve()).statusCode(201).body("questionStatus", equalTo("AWAITING_REVIEW"));
        given().auth().oauth2(TestJwt.expert(peers.get(2))).queryParam("domain", domain).get("/api/qualification/reviews/next")
                .then().statusCode(200).body("reviewsSoFar", equalTo(2)).body("reviewsRequired", equalTo(3));
        blindAnswer(TestJwt.expert(peers.get(2)), id, "kussmaul sign").statusCode(200).body("blindAgrees", equalTo(true));
        verdict(TestJwt.expert(peers.get(2)), id, approve()).statusCode(201).body("questionStatus", equalTo("VALID"));
    }

    @Test
    void shouldCountTwoVerdictsSentAtTheSameMoment() throws Exception {
        String domain = freshDomain();
        List<UUID> peers = List.of(qualifiedExpert(domain), qualifiedExpert(domain));
        String id = awaitingReview(TestJwt.expert(UUID.randomUUID()), unknownExact(domain, "a sign approved twice at once"));
        for (UUID peer : peers) {
            blindAnswer(TestJwt.expert(peer), id, "Kussmaul sign").statusCode(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sent = pool.invokeAll(peers.stream().<Callable<Integer>>map(peer -> () ->
                    verdict(TestJwt.expert(peer), id, approve()).extract().statusCode()).toList());
            for (Future<Integer> status : sent) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Each verdict is decided with the other in view (the question is locked): neither is lost.
        given().auth().oauth2(admin).get("/api/qualification/questions/" + id).then().body("status", equalTo("VALID"));
    }

    @Test
    void shouldLetNeitherTheAuthorNorExpertsOfAnotherDomainReview() {
        String domain = freshDomain();
        String otherDomain = freshDomain();
        UUID authorId = qualifiedExpert(domain);
        String author = TestJwt.expert(authorId);
        String outsider = TestJwt.expert(qualifiedExpert(otherDomain));
        String id = awaitingReview(author, unknownExact(domain, "a sign its own author may not review"));

        // The author, though qualified in the domain, never reviews their own question: not even blind.
        blindAnswer(author, id, "Kussmaul sign").statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("your own question"));
        verdict(author, id, approve()).statusCode(403).contentType("application/problem+json");
        // An expert qualified only elsewhere sees neither the question nor its key.
        given().auth().oauth2(outsider).queryParam("domain", domain).get("/api/qualification/reviews/next").then()
                .statusCode(403).contentType("application/problem+json");
        blindAnswer(outsider, id, "Kussmaul sign").statusCode(403).contentType("application/problem+json")
                .body("referenceAnswer", nullValue());
        verdict(outsider, id, approve()).statusCode(403);
        blindAnswer(TestJwt.expert(UUID.randomUUID()), id, "Kussmaul sign").statusCode(403);
        blindAnswer(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID()), id, "Kussmaul sign").statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("blindAnswer", "Kussmaul sign"))
                .post("/api/qualification/reviews/" + id + "/blind").then().statusCode(401);

        assertEquals(0, count("select count(*) from blind_answer where question_id = ?", id));
        given().auth().oauth2(admin).queryParam("domain", domain).get("/api/qualification/reviews/next").then()
                .statusCode(200).body("questionId", equalTo(id)).body("reviewsSoFar", equalTo(0));
    }

    @Test
    void shouldRefuseBadReviewInputAsProblems() {
        String domain = freshDomain();
        String author = TestJwt.expert(UUID.randomUUID());
        String id = awaitingReview(author, unknownExact(domain, "a sign reviewed with bad input"));

        for (String blank : List.of("", "   ")) {
            blindAnswer(admin, id, blank).statusCode(400).contentType("application/problem+json")
                    .body("type", endsWith("/validation")).body("violations[0].field", equalTo("blindAnswer"));
        }
        blindAnswer(admin, id, "x".repeat(2001)).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation")).body("violations[0].field", equalTo("blindAnswer"))
                .body("violations[0].message", equalTo("must be at most 2000 characters"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of())
                .post("/api/qualification/reviews/" + id + "/blind").then().statusCode(400)
                .body("violations[0].field", equalTo("blindAnswer"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("not json")
                .post("/api/qualification/reviews/" + id + "/blind").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, count("select count(*) from blind_answer where question_id = ?", id));

        String unknown = UUID.randomUUID().toString();
        blindAnswer(admin, unknown, "Kussmaul sign").statusCode(404).contentType("application/problem+json");
        verdict(admin, unknown, approve()).statusCode(404).contentType("application/problem+json");
        blindAnswer(admin, "not-a-uuid", "Kussmaul sign").statusCode(404).contentType("application/problem+json");

        blindAnswer(admin, id, "x".repeat(2000)).statusCode(200).body("blindAgrees", equalTo(false));
        Map<String, Object> incomplete = new HashMap<>(approve());
        incomplete.remove("referenceCorrect");
        incomplete.put("comment", "c".repeat(2001));
        verdict(admin, id, incomplete).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation")).body("violations.field", hasItems("referenceCorrect", "comment"));
        Map<String, Object> hugeOldField = new HashMap<>(approve());
        hugeOldField.put("blindAnswer", "y".repeat(2001));
        verdict(admin, id, hugeOldField).statusCode(400).body("violations[0].field", equalTo("blindAnswer"));
        assertEquals(0, count("select count(*) from review where question_id = ?", id));
    }

    @Test
    void shouldTakeNoBlindAnswerForAQuestionThatIsNotAwaitingReview() {
        String domain = freshDomain();
        Map<String, Object> original = unknownExact(domain, "a sign asked twice");
        String author = TestJwt.expert(UUID.randomUUID());
        submit(author, original).statusCode(202);
        String duplicate = submit(TestJwt.expert(UUID.randomUUID()), original).statusCode(202)
                .body("status", equalTo("DUPLICATE")).extract().path("id");
        blindAnswer(admin, duplicate, "Kussmaul sign").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/not-awaiting-review")).body("referenceAnswer", nullValue());
        verdict(admin, duplicate, approve()).statusCode(409);
    }

    @Test
    void shouldRefuseASecondBlindAnswerInTheDatabaseToo() throws SQLException {
        String domain = freshDomain();
        String id = awaitingReview(TestJwt.expert(UUID.randomUUID()), unknownExact(domain, "a sign answered once"));
        UUID reviewer = UUID.randomUUID();
        blindAnswer(TestJwt.admin(reviewer), id, "Kussmaul sign").statusCode(200);
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into blind_answer (id, question_id, reviewer_id, answer, "
                     + "agrees, created_at) values (?, ?, ?, 'another answer', false, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(id));
            insert.setObject(3, reviewer);
            SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23505", refused.getSQLState());
        }
        // Nor can a verdict be stored without a blind answer, whatever writes it.
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into review (id, question_id, reviewer_id, reviewer_admin, "
                     + "blind_answer, reference_correct, unambiguous, expert_level, created_at) "
                     + "values (?, ?, ?, true, 'smuggled', true, true, true, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(id));
            insert.setObject(3, UUID.randomUUID());
            SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23503", refused.getSQLState());
        }
        assertEquals(1, count("select count(*) from blind_answer where question_id = ?", id));
    }

    private long count(String sql, String questionId) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, UUID.fromString(questionId));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
