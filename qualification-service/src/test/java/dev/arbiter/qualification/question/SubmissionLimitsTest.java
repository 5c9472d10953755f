package dev.arbiter.qualification.question;

import static dev.arbiter.qualification.Fixtures.submit;
import static dev.arbiter.qualification.Fixtures.unknownExact;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.qualification.SimulatorResource;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Submitting a question costs panel calls: an expert may submit only so fast, and their questions may
 * cost only so many panel calls a day. Both are counted from the database; a refused submission is a
 * 429 that says why and when to retry (also as Retry-After) and stores nothing.
 */
@QuarkusTest
@TestProfile(SubmissionLimitsTest.SmallLimits.class)
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "qualification"))
@WithTestResource(SimulatorResource.class)
class SubmissionLimitsTest {

    /** Three submissions an hour, seven panel calls a day: two exact questions to the simulator's panel of three. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.qualification.submissions.max-per-window", "3",
                    "arbiter.qualification.submissions.window", "1h",
                    "arbiter.qualification.submissions.daily-panel-calls", "7");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void shouldRefuseAQuestionBeyondTheDailyBudgetOfPanelCallsAndStoreNothing() {
        String expert = TestJwt.expert(UUID.randomUUID());
        submit(expert, unknownExact("history", "a first budgeted sign")).statusCode(202);
        submit(expert, unknownExact("history", "a second budgeted sign")).statusCode(202);

        ExtractableResponse<Response> refused = submit(expert, unknownExact("law", "a sign over the budget"))
                .statusCode(429).contentType("application/problem+json")
                .body("type", endsWith("/panel-call-budget-spent"))
                .body("detail", containsString("cost 6 of your 7 daily panel calls, and this one would cost 3"))
                .body("detail", containsString("Nothing was stored; try again in 24 h"))
                .body("panelCallsUsed", equalTo(6)).body("dailyPanelCalls", equalTo(7)).body("questionCost", equalTo(3))
                .extract();
        assertRetryAfter(refused, Duration.ofHours(24));

        given().auth().oauth2(expert).get("/api/qualification/questions").then().statusCode(200).body("size()", equalTo(2));
        given().auth().oauth2(expert).get("/api/qualification/status?domain=law").then().body("attemptsUsed", equalTo(0));
    }

    @Test
    void shouldChargeAFreeFormQuestionTheJudgesGradingsToo() {
        String expert = TestJwt.expert(UUID.randomUUID());
        Map<String, Object> freeForm = new HashMap<>(Map.of("domain", "law", "answerType", "FREE_FORM",
                "prompt", "Which duty does the budget doctrine of case " + UUID.randomUUID() + " impose?",
                "referenceAnswer", "A duty to account for every call.", "rationale", "Budget case law."));
        submit(expert, freeForm).statusCode(202);
        submit(expert, unknownExact("law", "a sign after a free-form question")).statusCode(429)
                .body("detail", containsString("cost 6 of your 7 daily panel calls"));
    }

    @Test
    void shouldLimitHowFastAnExpertSubmitsAndStoreNothingBeyondIt() {
        String expert = TestJwt.expert(UUID.randomUUID());
        Map<String, Object> question = unknownExact("history", "a sign asked again and again");
        submit(expert, question).statusCode(202).body("status", equalTo("EVALUATING"));
        // Duplicates cost no panel call, yet they are submissions.
        submit(expert, question).statusCode(202).body("status", equalTo("DUPLICATE"));
        submit(expert, question).statusCode(202).body("status", equalTo("DUPLICATE"));

        ExtractableResponse<Response> refused = submit(expert, question).statusCode(429)
                .contentType("application/problem+json")
                .body("type", endsWith("/submission-rate-limited"))
                .body("detail", containsString("You have submitted 3 questions in the last 1 h; an expert may submit at most 3 in any 1 h"))
                .body("detail", containsString("try again in"))
                .body("limit", equalTo(3)).body("submitted", equalTo(3))
                .extract();
        assertRetryAfter(refused, Duration.ofHours(1));
        given().auth().oauth2(expert).get("/api/qualification/questions").then().body("size()", equalTo(3));
    }

    @Test
    void shouldCountTheBudgetFromTheDatabaseWhicheverReplicaTookTheQuestions() throws SQLException {
        UUID expertId = UUID.randomUUID();
        // Taken by another replica, or before a restart: 23 hours ago (counts) and 25 hours ago (does not).
        insertQuestion(expertId, Instant.now().minus(Duration.ofHours(23)), 6);
        insertQuestion(expertId, Instant.now().minus(Duration.ofHours(25)), 6);
        String expert = TestJwt.expert(expertId);

        ExtractableResponse<Response> refused = submit(expert, unknownExact("physics", "a sign over yesterday's budget"))
                .statusCode(429).body("type", endsWith("/panel-call-budget-spent"))
                .body("panelCallsUsed", equalTo(6)).extract();
        // Room again once yesterday's question leaves the 24 hours: in an hour.
        assertRetryAfter(refused, Duration.ofHours(1));
        given().auth().oauth2(expert).get("/api/qualification/questions").then().body("size()", equalTo(2));
    }

    private static void assertRetryAfter(ExtractableResponse<Response> refused, Duration expected) {
        long header = Long.parseLong(refused.header("Retry-After"));
        assertTrue(header <= expected.toSeconds() && header > expected.toSeconds() - 120,
                "Retry-After " + header + " s, expected about " + expected.toSeconds() + " s");
        assertTrue(refused.jsonPath().getLong("retryAfterSeconds") == header);
    }

    private void insertQuestion(UUID author, Instant createdAt, int panelCalls) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into question (id, author_id, domain, prompt, answer_type, "
                     + "reference_answer, rationale, status, min_failures, panel_calls, created_at, decided_at) "
                     + "values (?, ?, 'physics', ?, 'EXACT', 'Kussmaul sign', 'r', 'NOT_STUMPING', 2, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, author);
            insert.setString(3, "Which sign was asked on another replica, case " + UUID.randomUUID() + "?");
            insert.setInt(4, panelCalls);
            insert.setTimestamp(5, Timestamp.from(createdAt));
            insert.setTimestamp(6, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
    }
}
