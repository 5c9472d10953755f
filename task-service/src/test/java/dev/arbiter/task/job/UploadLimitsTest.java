package dev.arbiter.task.job;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.util.List;

@QuarkusTest
@TestProfile(UploadLimitsTest.SmallLimits.class)
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class UploadLimitsTest {

    /** Limits small enough to reach in a test: 5 items a job, 4 KB an upload. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.tasks.max-items-per-job", "5", "arbiter.tasks.max-upload-bytes", "4096",
                    "arbiter.tasks.upload-batch-size", "2");
        }
    }

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldKeepAJobWithinItsItemLimitAndReportTheLinesBeyondIt() {
        UUID job = createJob(lab, job(uniqueDomain(), "PAIRWISE", 2));
        given().auth().oauth2(lab).contentType("application/x-ndjson").body(items(4, 2).getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(201).body("accepted", equalTo(4));
        given().auth().oauth2(lab).contentType("application/x-ndjson").body(items(3, 2).getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(201).body("accepted", equalTo(1))
                .body("rejected.line", equalTo(List.of(2, 3)))
                .body("rejected[0].problem", startsWith("the job already holds the maximum of 5 items"));
        assertEquals(5, count(db, "select count(*) from item where job_id = ?", job));
        assertEquals(10, count(db, "select count(*) from item_slot where job_id = ?", job));
    }

    @Test
    void shouldStopAnOversizedUploadWith413AndKeepOnlyWholeItemsBeforeTheLimit() {
        UUID job = createJob(lab, job(uniqueDomain(), "PAIRWISE", 1));
        String big = items(3, 2) + "{\"prompt\":\"" + "x".repeat(8000) + "\",\"responses\":[]}\n";
        given().auth().oauth2(lab).contentType("application/x-ndjson").body(big.getBytes(StandardCharsets.UTF_8))
                .post("/api/jobs/" + job + "/items").then().statusCode(413).contentType("application/problem+json")
                .body("accepted", equalTo(3)).body("maxBytes", equalTo(4096));
        assertEquals(3, count(db, "select count(*) from item where job_id = ?", job));
        assertEquals(3, count(db, "select count(*) from item_slot where job_id = ?", job));
    }
}
