package dev.arbiter.qualification.question;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.proto.accounts.v1.DomainAdded;
import dev.arbiter.proto.common.v1.EventEnvelope;
import dev.arbiter.proto.qualification.v1.QualificationSource;
import dev.arbiter.qualification.SimulatorResource;
import dev.arbiter.simulator.Faults;
import dev.arbiter.simulator.ModelSimulator;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.KafkaTestClient;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The question lifecycle over real HTTP: the panel is the model simulator, PostgreSQL and Kafka are real. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification"))
@WithTestResource(SimulatorResource.class)
class QuestionLifecycleTest {

    static final String ATLAS = "sim-atlas";
    static final String BOREALIS = "sim-borealis";
    static final String CIRRUS = "sim-cirrus";
    static final UUID ADMIN = UUID.randomUUID();

    static ModelSimulator sim() {
        return SimulatorResource.simulator();
    }

    @AfterEach
    void noFaults() {
        for (String model : List.of(ATLAS, BOREALIS, CIRRUS, "sim-judge")) {
            sim().setFaults(model, Faults.none());
        }
    }

    /** A question no model knows (each run its own), so every model that answers is wrong. */
    static Map<String, Object> unknownExact(String topic) {
        Map<String, Object> body = new HashMap<>();
        body.put("domain", "medicine");
        body.put("prompt", "Which eponymous sign describes " + topic + " in patients with rare condition " + UUID.randomUUID() + "?");
        body.put("answerType", "EXACT");
        body.put("referenceAnswer", "Kussmaul sign");
        body.put("rationale", "Textbook eponym that general models confuse.");
        return body;
    }

    static ValidatableResponse submit(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/qualification/questions").then();
    }

    static String submitted(String token, Map<String, Object> body) {
        return submit(token, body).statusCode(202).body("status", equalTo("EVALUATING"))
                .extract().path("id");
    }

    static JsonPath awaitStatus(String token, String id, Predicate<String> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().auth().oauth2(token).get("/api/qualification/questions/" + id).then()
                    .statusCode(200).extract().jsonPath();
            return done.test(last[0].getString("status"));
        });
        return last[0];
    }

    static String verdictOf(JsonPath q, String model) {
        return q.getString("attempts.find { it.current && it.model == '" + model + "' }.verdict");
    }

    @Test
    void shouldStumpWhenEveryModelAnswersWrongAndKeepEveryAttempt() {
        String author = TestJwt.expert(UUID.randomUUID());
        String id = submitted(author, unknownExact("jugular venous pressure rising on inspiration"));
        JsonPath q = awaitStatus(author, id, s -> !s.equals("EVALUATING"));
        assertEquals("AWAITING_REVIEW", q.getString("status"));
        assertEquals(3, q.getInt("failures"));
        assertEquals(2, q.getInt("minFailures"));
        for (String model : List.of(ATLAS, BOREALIS, CIRRUS)) {
            assertEquals("INCORRECT", verdictOf(q, model));
        }
        assertTrue(q.getList("attempts.answer").stream().allMatch(a -> a != null));
        assertTrue(q.getList("attempts.latencyMs", Integer.class).stream().allMatch(ms -> ms >= 0));
    }

    @Test
    void shouldNotStumpAQuestionTheModelsKnow() {
        String author = TestJwt.expert(UUID.randomUUID());
        String prompt = "What is the antidote of choice for poisoning by compound " + UUID.randomUUID() + "?";
        for (String model : List.of(ATLAS, BOREALIS)) {
            sim().addKnowledge(model, prompt, "Fomepizole");
        }
        Map<String, Object> body = new HashMap<>(unknownExact("x"));
        body.put("prompt", prompt);
        body.put("referenceAnswer", "fomepizole");
        JsonPath q = awaitStatus(author, submitted(author, body), s -> !s.equals("EVALUATING"));
        assertEquals("NOT_STUMPING", q.getString("status"));
        assertEquals("CORRECT", verdictOf(q, ATLAS));
        assertEquals("INCORRECT", verdictOf(q, CIRRUS));
        assertEquals(1, q.getInt("failures"));
    }

    @Test
    void shouldBeInconclusiveWhenTwoProvidersAreDownAndDecideOnceTheyAreBack() {
        sim().setFaults(BOREALIS, Faults.errorRate(1.0, 500));
        sim().setFaults(CIRRUS, Faults.errorRate(1.0, 503));
        String author = TestJwt.expert(UUID.randomUUID());
        String id = submitted(author, unknownExact("a pulse that weakens on inspiration"));
        JsonPath q = awaitStatus(author, id, s -> !s.equals("EVALUATING"));
        assertEquals("INCONCLUSIVE", q.getString("status"), "one failure and two models down is not stumped");
        assertEquals("INCORRECT", verdictOf(q, ATLAS));
        assertEquals("NO_ANSWER", verdictOf(q, BOREALIS));
        assertEquals("NO_ANSWER", verdictOf(q, CIRRUS));
        assertTrue(q.getString("attempts.find { it.model == 'sim-borealis' }.error").contains("server error"));
        assertEquals(1, q.getInt("failures"));
        assertTrue(q.getString("nextEvaluationAt") != null, "re-evaluation is scheduled, not dropped");

        noFaults();
        JsonPath again = awaitStatus(author, id, s -> s.equals("AWAITING_REVIEW"));
        assertEquals(2, again.getInt("evaluationRounds"));
        assertEquals(6, again.getList("attempts").size(), "both rounds are kept");
    }

    @Test
    void shouldTreatAModelSlowerThanItsTimeoutAsNoAnswer() {
        sim().setFaults(CIRRUS, Faults.latency(4000));
        String author = TestJwt.expert(UUID.randomUUID());
        JsonPath q = awaitStatus(author, submitted(author, unknownExact("a slow heart in a hot body")),
                s -> !s.equals("EVALUATING"));
        assertEquals("NO_ANSWER", verdictOf(q, CIRRUS));
        assertTrue(q.getString("attempts.find { it.model == 'sim-cirrus' }.error").contains("timed out"));
        assertEquals("AWAITING_REVIEW", q.getString("status"), "the two that answered were wrong");
        assertEquals(2, q.getInt("failures"));
    }

    @Test
    void shouldRetryARateLimitedModelAndUseItsAnswer() {
        sim().resetRequestCounts();
        sim().setFaults(ATLAS, Faults.failFirst(2, 429));
        String author = TestJwt.expert(UUID.randomUUID());
        JsonPath q = awaitStatus(author, submitted(author, unknownExact("a murmur louder on squatting")),
                s -> !s.equals("EVALUATING"));
        assertEquals("INCORRECT", verdictOf(q, ATLAS), "answered after two 429s");
        assertEquals(3, sim().requestCount(ATLAS));
    }

    @Test
    void shouldGradeNumericAndMultipleChoiceAnswers() {
        String author = TestJwt.expert(UUID.randomUUID());
        String numericPrompt = "How many distinct ways can " + (1000 + (int) (Math.random() * 8000)) + " be written as such sums in puzzle " + UUID.randomUUID() + "?";
        sim().addKnowledge(ATLAS, numericPrompt, "The answer is 1,024.");
        Map<String, Object> numeric = new HashMap<>(Map.of("domain", "mathematics", "prompt", numericPrompt,
                "answerType", "NUMERIC", "referenceAnswer", "1024", "tolerance", 0.5, "rationale", "Counting argument."));
        JsonPath n = awaitStatus(author, submitted(author, numeric), s -> !s.equals("EVALUATING"));
        assertEquals("CORRECT", verdictOf(n, ATLAS));
        assertEquals("INCORRECT", verdictOf(n, BOREALIS));
        assertEquals("AWAITING_REVIEW", n.getString("status"));

        String choicePrompt = "Which isolation level is required for case " + UUID.randomUUID() + "?";
        Map<String, Object> choice = new HashMap<>(Map.of("domain", "code", "prompt", choicePrompt,
                "answerType", "MULTIPLE_CHOICE", "options", List.of("Read committed", "Repeatable read", "Serializable"),
                "referenceAnswer", "Serializable", "rationale", "Only serializable prevents this anomaly."));
        sim().addKnowledge(BOREALIS, choicePrompt, "C");
        JsonPath c = awaitStatus(author, submitted(author, choice), s -> !s.equals("EVALUATING"));
        assertEquals("C", c.getString("referenceAnswer"));
        assertEquals("CORRECT", verdictOf(c, BOREALIS));
    }

    @Test
    void shouldGradeFreeFormAnswersWithTheJudge() {
        String author = TestJwt.expert(UUID.randomUUID());
        String prompt = "Which duty does the doctrine of corporate opportunity impose in case " + UUID.randomUUID() + "?";
        sim().addKnowledge(ATLAS, prompt, "Directors must offer business opportunities in the company's line of business to the company first.");
        Map<String, Object> body = new HashMap<>(Map.of("domain", "law", "prompt", prompt, "answerType", "FREE_FORM",
                "referenceAnswer", "Directors must offer the company business opportunities in its line of business before taking them.",
                "rubric", "Must say the company gets the first offer.", "rationale", "Core corporate law doctrine."));
        JsonPath q = awaitStatus(author, submitted(author, body), s -> !s.equals("EVALUATING"));
        assertEquals("CORRECT", verdictOf(q, ATLAS));
        assertEquals("INCORRECT", verdictOf(q, BOREALIS));
        assertEquals("AWAITING_REVIEW", q.getString("status"));
        assertTrue(q.getDouble("attempts.find { it.model == 'sim-atlas' }.confidence") >= 0.7);
        assertTrue(q.getString("attempts.find { it.model == 'sim-atlas' }.reasoning").length() > 0);
    }

    @Test
    void shouldMarkParaphrasesOfAnyAuthorsQuestionAsDuplicates() {
        String first = TestJwt.expert(UUID.randomUUID());
        String second = TestJwt.expert(UUID.randomUUID());
        String marker = "zeta" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
        Map<String, Object> original = new HashMap<>(unknownExact("x"));
        original.put("prompt", "What is the antidote for " + marker + "-toxin overdose in adults?");
        String originalId = submitted(first, original);
        Map<String, Object> paraphrase = new HashMap<>(original);
        paraphrase.put("prompt", "In adults, which antidote is used for an overdose of " + marker + "-toxin?");
        // Another author's question is never named to them (QuestionHardeningTest has the rest of that rule).
        submit(second, paraphrase).statusCode(202)
                .body("status", equalTo("DUPLICATE"))
                .body("duplicateOf", nullValue());
        assertTrue(originalId != null);
    }

    @Test
    void shouldRefuseBadQuestionsClearlyAndStoreNothing() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        Map<String, Object> good = new HashMap<>(Map.of("domain", "code", "prompt", "Which letter is right in this puzzle?",
                "answerType", "MULTIPLE_CHOICE", "options", List.of("Alpha", "Beta"), "referenceAnswer", "Beta",
                "rationale", "Because."));

        Map<String, Object> noOptions = new HashMap<>(good);
        noOptions.remove("options");
        refused(submit(token, noOptions), "options", "must list at least 2 options for a MULTIPLE_CHOICE question");

        Map<String, Object> notAnOption = new HashMap<>(good);
        notAnOption.put("referenceAnswer", "Gamma");
        refused(submit(token, notAnOption), "referenceAnswer",
                "must be the text of one of the options or its letter, A to B");

        Map<String, Object> twice = new HashMap<>(good);
        twice.put("options", List.of("Alpha", "Beta", " alpha"));
        refused(submit(token, twice), "options[2]", "must differ from options[0]");

        Map<String, Object> notANumber = new HashMap<>(good);
        notANumber.remove("options");
        notANumber.put("answerType", "NUMERIC");
        notANumber.put("referenceAnswer", "about twelve");
        refused(submit(token, notANumber), "referenceAnswer",
                "must be a single number for a NUMERIC question, e.g. 42, -3.5, 1,000, 12% or 1.2e3");

        Map<String, Object> exactWithExtras = new HashMap<>(good);
        exactWithExtras.put("answerType", "EXACT");
        exactWithExtras.put("tolerance", 0.5);
        submit(token, exactWithExtras).statusCode(400).body("type", endsWith("/validation"))
                .body("violations.field", hasItems("options", "tolerance"))
                .body("violations.find { it.field == 'tolerance' }.message",
                        equalTo("must be absent unless answerType is NUMERIC"));

        Map<String, Object> unknownDomain = new HashMap<>(good);
        unknownDomain.put("domain", "astrology");
        refused(submit(token, unknownDomain), "domain", "must be one of biology, chemistry, code, finance, history, law, "
                + "literature, mathematics, medicine, physics");

        Map<String, Object> tooLong = new HashMap<>(good);
        tooLong.put("prompt", "x".repeat(4001));
        tooLong.put("rationale", "y".repeat(4001));
        submit(token, tooLong).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("violations.field", hasItems("prompt", "rationale"));

        Map<String, Object> badType = new HashMap<>(good);
        badType.put("answerType", "ESSAY");
        refused(submit(token, badType), "answerType", "must be one of EXACT, NUMERIC, MULTIPLE_CHOICE, FREE_FORM");

        given().auth().oauth2(token).get("/api/qualification/questions").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(token).get("/api/qualification/status?domain=code").then().statusCode(200)
                .body("attemptsUsed", equalTo(0));
    }

    @Test
    void shouldLearnADomainOnlyFromMarketplaceApisAnnouncement() {
        String key = "astro" + UUID.randomUUID().toString().substring(0, 6);
        String expert = TestJwt.expert(UUID.randomUUID());
        given().auth().oauth2(expert).queryParam("domain", key).get("/api/qualification/status").then().statusCode(400);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("task-service", key)
                    .setDomainAdded(DomainAdded.newBuilder().setKey(key).setName("Forged")).build());
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", key)
                    .setDomainAdded(DomainAdded.newBuilder().setKey(key).setName("Astronomy")).build());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(expert).queryParam("domain", key)
                .get("/api/qualification/status").statusCode() == 200);
        given().auth().oauth2(expert).queryParam("domain", key).get("/api/qualification/status").then()
                .body("domain", equalTo(key));
    }

    @Test
    void shouldNameTheCatalogWhenADomainIsMissingOrUnknown() {
        String admin = TestJwt.admin(ADMIN);
        String catalog = "biology, chemistry, code, finance, history, law, literature, mathematics, medicine, physics";
        refused(given().auth().oauth2(admin).get("/api/qualification/reviews/next").then(), "domain",
                "is required; must be one of " + catalog);
        refused(given().auth().oauth2(admin).get("/api/qualification/reviews/next?domain=astrology").then(), "domain",
                "must be one of " + catalog);
        refused(given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/qualification/status").then(),
                "domain", "is required; must be one of " + catalog);
    }

    /** The one validation shape: 400, type …/validation, and the single violation expected. */
    static void refused(ValidatableResponse response, String field, String message) {
        response.statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
    }

    @Test
    void shouldCapAttemptsPerDomainAndShowWhatIsLeft() {
        UUID expert = UUID.randomUUID();
        String token = TestJwt.expert(expert);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = unknownExact("sign number " + i);
            body.put("domain", "history");
            submit(token, body).statusCode(202);
        }
        given().auth().oauth2(token).get("/api/qualification/status?domain=history").then().statusCode(200)
                .body("attemptsUsed", equalTo(6)).body("maxAttempts", equalTo(6)).body("attemptsLeft", equalTo(0));
        Map<String, Object> seventh = unknownExact("one too many");
        seventh.put("domain", "history");
        submit(token, seventh).statusCode(429).contentType("application/problem+json")
                .body("type", endsWith("/attempt-cap-reached")).body("attemptsLeft", equalTo(0));
        given().auth().oauth2(token).get("/api/qualification/status?domain=law").then()
                .body("attemptsLeft", equalTo(6));
    }

    @Test
    void shouldShowAQuestionOnlyToItsAuthorAndAdmins() {
        String author = TestJwt.expert(UUID.randomUUID());
        String id = submitted(author, unknownExact("privacy"));
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/qualification/questions/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get("/api/qualification/questions/" + id)
                .then().statusCode(403);
        given().auth().oauth2(TestJwt.admin(ADMIN)).get("/api/qualification/questions/" + id).then().statusCode(200)
                .body("referenceAnswer", equalTo("Kussmaul sign"));
        given().get("/api/qualification/questions/" + id).then().statusCode(401);
    }

    @Test
    void shouldPublishThePanelAndPerModelStats() {
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/qualification/panel").then().statusCode(200)
                .body("models.name", equalTo(List.of(ATLAS, BOREALIS, CIRRUS)))
                .body("judge", equalTo("sim-judge"))
                .body("minFailures", equalTo(2)).body("requiredValid", equalTo(3)).body("maxAttempts", equalTo(6));

        String author = TestJwt.expert(UUID.randomUUID());
        awaitStatus(author, submitted(author, unknownExact("stats")), s -> !s.equals("EVALUATING"));
        given().auth().oauth2(TestJwt.lab(UUID.randomUUID(), UUID.randomUUID())).get("/api/qualification/stats").then()
                .statusCode(200)
                .body("find { it.model == 'sim-cirrus' && it.domain == 'medicine' }.questionsSeen", notNullValue())
                .body("find { it.model == 'sim-cirrus' && it.domain == 'medicine' }.stumpRate", notNullValue());
        given().auth().oauth2(TestJwt.expert(UUID.randomUUID())).get("/api/qualification/stats").then().statusCode(403);
    }

    @Test
    void shouldGoFromFirstQuestionToExpertQualifiedThroughPeerReview() {
        UUID expertId = UUID.randomUUID();
        String expert = TestJwt.expert(expertId);
        String admin = TestJwt.admin(ADMIN);
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            List<String> ids = new ArrayList<>();
            String[] topics = {"a split second heart sound on expiration", "a rash sparing the nasolabial folds",
                    "a fixed pupil after head trauma"};
            for (String topic : topics) {
                Map<String, Object> body = unknownExact(topic);
                body.put("domain", "biology");
                ids.add(submitted(expert, body));
            }
            for (String id : ids) {
                awaitStatus(expert, id, s -> s.equals("AWAITING_REVIEW"));
            }

            // Review: never the author; a non-qualified expert may not; the blind item has no key.
            given().auth().oauth2(expert).get("/api/qualification/reviews/next?domain=biology").then().statusCode(403);
            blindAnswer(expert, ids.get(0), "Kussmaul sign").statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(expert).contentType(ContentType.JSON).body(approve())
                    .post("/api/qualification/reviews/" + ids.get(0)).then().statusCode(403)
                    .contentType("application/problem+json");
            for (String id : ids) {
                ValidatableResponse next = given().auth().oauth2(admin).get("/api/qualification/reviews/next?domain=biology")
                        .then().statusCode(200).body("referenceAnswer", nullValue()).body("reviewsRequired", equalTo(1));
                String questionId = next.extract().path("questionId");
                assertTrue(ids.contains(questionId));
                blindAnswer(admin, questionId, "Kussmaul sign").statusCode(200)
                        .body("referenceAnswer", equalTo("Kussmaul sign")).body("blindAgrees", equalTo(true));
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(approve())
                        .post("/api/qualification/reviews/" + questionId).then().statusCode(201)
                        .body("referenceAnswer", equalTo("Kussmaul sign"))
                        .body("blindAgrees", equalTo(true))
                        .body("questionStatus", equalTo("VALID"));
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(approve())
                        .post("/api/qualification/reviews/" + questionId).then().statusCode(409)
                        .body("type", endsWith("/already-reviewed"));
            }
            given().auth().oauth2(admin).get("/api/qualification/reviews/next?domain=biology").then().statusCode(204);

            EventEnvelope event = kafka.awaitEnvelope("qualification.events.v1",
                    e -> e.getAggregateId().equals(expertId.toString()) && e.hasExpertQualified(), Duration.ofSeconds(30));
            assertEquals("biology", event.getExpertQualified().getDomain());
            assertEquals(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE, event.getExpertQualified().getSource());
            given().auth().oauth2(expert).get("/api/qualification/status?domain=biology").then().statusCode(200)
                    .body("qualified", equalTo(true)).body("validQuestions", equalTo(3))
                    .body("source", equalTo("EVIDENCE")).body("tier", notNullValue());
        }
    }

    @Test
    void shouldRejectAKeyAPeerFindsWrongAndShowTheReasonToTheAuthor() {
        // A qualified peer in the domain (admin grant) reviews; the author sees why it was rejected.
        UUID peerId = UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", peerId.toString())
                    .setExpertRegistered(dev.arbiter.proto.accounts.v1.ExpertRegistered.newBuilder()
                            .setExpertId(peerId.toString()).setEmail("peer@example.org").setDisplayName("Peer"))
                    .build());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                        .body(Map.of("expertId", peerId.toString(), "domain", "chemistry", "tier", 2,
                                "reason", "Vetted chemist for review duty"))
                        .post("/api/admin/qualifications").then().statusCode(201));
        String author = TestJwt.expert(UUID.randomUUID());
        Map<String, Object> body = unknownExact("a reagent that turns violet");
        body.put("domain", "chemistry");
        String id = submitted(author, body);
        awaitStatus(author, id, s -> s.equals("AWAITING_REVIEW"));
        Map<String, Object> reject = new HashMap<>(approve());
        reject.put("referenceCorrect", false);
        reject.put("comment", "The reference names a cardiology sign, not a reagent.");
        blindAnswer(TestJwt.expert(peerId), id, "Biuret reagent").statusCode(200).body("blindAgrees", equalTo(false));
        given().auth().oauth2(TestJwt.expert(peerId)).contentType(ContentType.JSON).body(reject)
                .post("/api/qualification/reviews/" + id).then().statusCode(201)
                .body("blindAnswerAgrees", equalTo(false)).body("questionStatus", equalTo("REJECTED"));
        given().auth().oauth2(author).get("/api/qualification/questions/" + id).then()
                .body("status", equalTo("REJECTED"))
                .body("reviews[0].comment", equalTo("The reference names a cardiology sign, not a reagent."))
                .body("reviews[0].referenceCorrect", equalTo(false));
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldTakeUpAnEvaluationACrashLeftBehind() throws Exception {
        UUID author = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into question (id, author_id, domain, prompt, "
                     + "answer_type, reference_answer, rationale, status, min_failures, evaluation_rounds, lease_until, created_at) "
                     + "values (?, ?, 'physics', ?, 'EXACT', 'Kussmaul sign', 'r', 'EVALUATING', 2, 1, now() - interval '1 minute', now())")) {
            insert.setObject(1, id);
            insert.setObject(2, author);
            insert.setString(3, "Which sign did the crashed evaluator never finish grading, case " + id + "?");
            insert.executeUpdate();
        }
        JsonPath q = awaitStatus(TestJwt.expert(author), id.toString(), s -> !s.equals("EVALUATING"));
        assertEquals("AWAITING_REVIEW", q.getString("status"));
        assertEquals(2, q.getInt("evaluationRounds"));
    }

    @Test
    void shouldSendUncertainJudgeVerdictsToAnAdminAndDecideOnTheirGrade() {
        String author = TestJwt.expert(UUID.randomUUID());
        String prompt = "What couples respiration to ATP production in organelle study " + UUID.randomUUID() + "?";
        // Content-word overlap with the reference in [0.35, 0.6): the simulated judge answers with confidence 0.5.
        for (String model : List.of(ATLAS, BOREALIS)) {
            sim().addKnowledge(model, prompt, "The electron transport chain drives proton pumping.");
        }
        Map<String, Object> body = new HashMap<>(Map.of("domain", "biology", "prompt", prompt, "answerType", "FREE_FORM",
                "referenceAnswer", "The mitochondrial electron transport chain drives ATP synthase.",
                "rationale", "Chemiosmotic coupling."));
        String id = submitted(author, body);
        JsonPath q = awaitStatus(author, id, s -> !s.equals("EVALUATING"));
        assertEquals("NEEDS_HUMAN_GRADING", q.getString("status"));
        assertEquals(true, q.getBoolean("attempts.find { it.model == 'sim-atlas' }.uncertain"));
        assertEquals(1, q.getInt("failures"), "only the certain failure counts so far");

        given().auth().oauth2(author).contentType(ContentType.JSON).body(Map.of("model", ATLAS, "verdict", "INCORRECT"))
                .post("/api/qualification/questions/" + id + "/grades").then().statusCode(403);
        refused(given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("model", ATLAS, "verdict", "NO_ANSWER"))
                .post("/api/qualification/questions/" + id + "/grades").then(), "verdict", "must be one of CORRECT, INCORRECT");
        given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("model", CIRRUS, "verdict", "INCORRECT"))
                .post("/api/qualification/questions/" + id + "/grades").then().statusCode(400)
                .body("type", endsWith("/validation")).body("violations[0].field", equalTo("model"))
                .body("violations[0].message", startsWith("must be one of "))
                .body("violations[0].message", containsString(ATLAS))
                .body("violations[0].message", not(containsString(CIRRUS)));
        given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("model", ATLAS, "verdict", "INCORRECT"))
                .post("/api/qualification/questions/" + id + "/grades").then().statusCode(200)
                .body("status", equalTo("AWAITING_REVIEW")).body("failures", equalTo(2));
    }

    @Test
    void shouldNeedTwoReviewsWhereTwoQualifiedPeersExist() {
        List<UUID> peers = List.of(UUID.randomUUID(), UUID.randomUUID());
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfra()) {
            for (UUID peer : peers) {
                kafka.publish("marketplace.accounts.v1", KafkaTestClient.envelope("marketplace-api", peer.toString())
                        .setExpertRegistered(dev.arbiter.proto.accounts.v1.ExpertRegistered.newBuilder()
                                .setExpertId(peer.toString()).setEmail("p@example.org").setDisplayName("Peer"))
                        .build());
            }
        }
        for (UUID peer : peers) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(TestJwt.admin(ADMIN)).contentType(ContentType.JSON)
                            .body(Map.of("expertId", peer.toString(), "domain", "physics", "tier", 2,
                                    "reason", "Vetted physicist for review duty"))
                            .post("/api/admin/qualifications").then().statusCode(201));
        }
        String author = TestJwt.expert(UUID.randomUUID());
        Map<String, Object> body = unknownExact("a sign seen in physics of the pulse");
        body.put("domain", "physics");
        String id = submitted(author, body);
        awaitStatus(author, id, s -> s.equals("AWAITING_REVIEW"));
        given().auth().oauth2(TestJwt.expert(peers.get(0))).get("/api/qualification/reviews/next?domain=physics").then()
                .statusCode(200).body("reviewsRequired", equalTo(2)).body("referenceAnswer", nullValue());
        for (UUID peer : peers) {
            blindAnswer(TestJwt.expert(peer), id, "Kussmaul sign").statusCode(200).body("blindAgrees", equalTo(true));
        }
        given().auth().oauth2(TestJwt.expert(peers.get(0))).contentType(ContentType.JSON).body(approve())
                .post("/api/qualification/reviews/" + id).then().statusCode(201).body("questionStatus", equalTo("AWAITING_REVIEW"));
        given().auth().oauth2(TestJwt.expert(peers.get(1))).contentType(ContentType.JSON).body(approve())
                .post("/api/qualification/reviews/" + id).then().statusCode(201).body("questionStatus", equalTo("VALID"));
    }

    /** Step one of a review: the reviewer's answer before the key is shown. */
    static ValidatableResponse blindAnswer(String token, String questionId, String answer) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("blindAnswer", answer))
                .post("/api/qualification/reviews/" + questionId + "/blind").then();
    }

    /** Step two: the verdict on the key. */
    static Map<String, Object> approve() {
        return Map.of("referenceCorrect", true, "unambiguous", true, "expertLevel", true,
                "comment", "Key checked against the literature.");
    }
}
