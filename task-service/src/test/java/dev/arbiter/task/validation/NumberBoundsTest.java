package dev.arbiter.task.validation;

import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Numbers no client should send (beyond every range, not numbers at all, fractions where whole numbers belong) get the
 * one validation answer naming the field, on every task-service endpoint that takes numbers; never a 500, never a
 * "malformed body" that leaves the client guessing which field.
 */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class NumberBoundsTest {

    static final String PLACEHOLDER = "\"__VALUE__\"";
    /** Values that no whole-number field accepts. */
    static final List<String> NOT_WHOLE = List.of("1e400", "-1e400", "99999999999999999999", "-99999999999999999999",
            "9223372036854775808", "2147483648", "\"NaN\"", "\"Infinity\"", "1.5", "1e2", "\"12abc\"", "true", "[]");

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());
    final ObjectMapper json = new ObjectMapper();
    final List<String> wrong = new ArrayList<>();

    @Test
    void shouldNameTheFieldOfEveryOutOfRangeOrNonNumericNumberInAJob() throws Exception {
        String domain = uniqueDomain();
        for (String field : List.of("judgmentsPerItem", "expectedMinutesPerItem", "minTier", "maxLeasesPerExpert",
                "minRationaleLength", "spotCheckPercent", "hourlyRate.amountMinor", "budget.amountMinor",
                "dimensions[0].scaleMin", "dimensions[0].scaleMax")) {
            List<String> values = withMinusZero(field, List.of("judgmentsPerItem", "expectedMinutesPerItem", "minTier",
                    "maxLeasesPerExpert", "hourlyRate.amountMinor"));
            if (field.endsWith("amountMinor")) {
                // money is a long: beyond an int is fine, beyond the platform's largest rate or budget is not
                values.remove("2147483648");
                values.add("9223372036854775807");
                values.add(field.startsWith("hourlyRate") ? "100000001" : "1000000000001");
            }
            for (String value : values) {
                Map<String, Object> spec = Fixtures.job(domain, "PAIRWISE", 1);
                spec.put("maxLeasesPerExpert", 2);
                spec.put("minRationaleLength", 10);
                spec.put("spotCheckPercent", 10);
                String body = withValue(spec, field, value);
                expectViolation("POST /api/jobs", field, value, given().auth().oauth2(lab).contentType(ContentType.JSON)
                        .body(body).post("/api/jobs"));
            }
        }
        report();
    }

    @Test
    void shouldNameTheFieldOfEveryOutOfRangeOrNonNumericScoreAndStrength() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        String token = TestJwt.expert(expert);
        String task = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("taskId");
        for (String field : List.of("scores.A.accuracy", "preferenceStrength")) {
            for (String value : withMinusZero(field, List.of("scores.A.accuracy", "preferenceStrength"))) {
                Map<String, Object> judgment = Fixtures.judgment(List.of("A", "B"), -2);
                String body = withValue(judgment, field, value);
                expectViolation("POST /api/tasks/{id}/judgment", field, value, given().auth().oauth2(token)
                        .contentType(ContentType.JSON).body(body).post("/api/tasks/" + task + "/judgment"));
            }
        }
        assertEquals("LEASED", Fixtures.query(db, "select state from task where id = ?::uuid", task).get(0).get(0));
        report();
    }

    @Test
    void shouldNameTheFieldOfEveryOutOfRangeOrNonNumericSessionEventNumber() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 1, 2);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        String token = TestJwt.expert(expert);
        String session = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobId", job.toString()))
                .post("/api/tasks/claim").then().statusCode(200).extract().path("sessionId");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("seq", "{\"seq\":%s,\"events\":[{\"t\":10,\"type\":\"focus\"}]}");
        fields.put("events[0].t", "{\"seq\":0,\"events\":[{\"t\":%s,\"type\":\"focus\"}]}");
        fields.put("events[0].from", "{\"seq\":0,\"events\":[{\"t\":10,\"type\":\"view\",\"label\":\"A\",\"from\":%s,\"to\":0.5}]}");
        fields.put("events[0].pos", "{\"seq\":0,\"events\":[{\"t\":10,\"type\":\"input\",\"field\":\"overall\",\"pos\":%s,"
                + "\"del\":0,\"ins\":\"x\"}]}");
        fields.put("events[0].count", "{\"seq\":0,\"events\":[{\"t\":10,\"type\":\"key\",\"field\":\"overall\",\"count\":%s,"
                + "\"intervalsMs\":[]}]}");
        fields.put("events[0].intervalsMs[0]", "{\"seq\":0,\"events\":[{\"t\":10,\"type\":\"key\",\"field\":\"overall\",\"count\":1,"
                + "\"intervalsMs\":[%s]}]}");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            List<String> values = new ArrayList<>(NOT_WHOLE);
            if (f.getKey().endsWith("from")) {
                // a fraction: 1.5 is out of 0…1 as well; 1e2 too
                values.add("-0.5");
            }
            for (String value : values) {
                if (f.getKey().endsWith("from") && value.equals("[]")) {
                    continue;
                }
                expectViolation("POST /api/sessions/{id}/events", f.getKey(), value, given().auth().oauth2(token)
                        .contentType(ContentType.JSON).body(String.format(f.getValue(), value))
                        .post("/api/sessions/" + session + "/events"));
            }
        }
        assertEquals(0L, Fixtures.count(db, "select count(*) from session_batch where session_id = ?::uuid", session));
        report();
    }

    /** The values to try on {@code field}: every non-whole one, and -0 where 0 is itself out of range. */
    private static List<String> withMinusZero(String field, List<String> zeroIsOutOfRange) {
        List<String> values = new ArrayList<>(NOT_WHOLE);
        if (zeroIsOutOfRange.contains(field)) {
            values.add("-0");
            values.add("-0.0");
        }
        return values;
    }

    private String withValue(Map<String, Object> body, String field, String value) throws Exception {
        Map<String, Object> copy = json.readValue(json.writeValueAsString(body), Map.class);
        Object node = copy;
        String[] parts = field.replace("[", ".").replace("]", "").split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(parts[i])) : ((Map<?, ?>) node).get(parts[i]);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parent = (Map<String, Object>) node;
        parent.put(parts[parts.length - 1], "__VALUE__");
        return json.writeValueAsString(copy).replace(PLACEHOLDER, value);
    }

    private void expectViolation(String endpoint, String field, String value, Response answer) {
        String body = answer.asString();
        boolean named = answer.statusCode() == 400 && body.contains("/validation")
                && answer.jsonPath().getList("violations.field").contains(field);
        if (!named) {
            wrong.add(endpoint + " " + field + "=" + value + " -> " + answer.statusCode() + " "
                    + body.substring(0, Math.min(240, body.length())));
        }
    }

    private void report() {
        assertTrue(wrong.isEmpty(), wrong.size() + " answers do not name the field:\n" + String.join("\n", wrong));
    }
}
