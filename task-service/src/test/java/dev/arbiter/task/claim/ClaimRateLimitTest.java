package dev.arbiter.task.claim;

import static dev.arbiter.task.Fixtures.publishedJob;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.task.Fixtures;
import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ClaimRateLimitTest.SmallRate.class)
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class ClaimRateLimitTest {

    /** A rate small enough to reach in a test: three claims at once, then one a minute. */
    public static class SmallRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.tasks.claim-rate.burst", "3", "arbiter.tasks.claim-rate.per-minute", "1");
        }
    }

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldAnswer429WithRetryAfterPastAnExpertsClaimRateAndLeaveOtherExpertsAlone() {
        String domain = uniqueDomain();
        UUID job = publishedJob(lab, domain, "PAIRWISE", 1, 5, 2);
        UUID expert = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        qualify(db, other, domain, 1);

        claim(expert, job).then().statusCode(200);
        claim(expert, job).then().statusCode(200);
        claim(expert, job).then().statusCode(409); // the lease cap (2), still within the rate
        Response limited = claim(expert, job);
        limited.then().statusCode(429).contentType("application/problem+json").body("type", endsWith("/rate-limited"))
                .body("limit", equalTo("claims")).body("detail", containsString("task claims by one expert"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(retryAfter, limited.<Integer>path("retryAfterSeconds"));
        // nothing was taken by the refused claim
        assertEquals(2, Fixtures.count(db, "select count(*) from task where expert_id = ?", expert));
        // another expert has their own budget
        claim(other, job).then().statusCode(200);
    }

    private static Response claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
    }
}
