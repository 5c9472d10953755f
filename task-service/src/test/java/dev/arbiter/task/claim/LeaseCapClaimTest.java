package dev.arbiter.task.claim;

import static dev.arbiter.task.Fixtures.count;
import static dev.arbiter.task.Fixtures.createJob;
import static dev.arbiter.task.Fixtures.items;
import static dev.arbiter.task.Fixtures.job;
import static dev.arbiter.task.Fixtures.judgment;
import static dev.arbiter.task.Fixtures.publish;
import static dev.arbiter.task.Fixtures.qualify;
import static dev.arbiter.task.Fixtures.uniqueDomain;
import static dev.arbiter.task.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An expert holds at most the job's {@code maxLeasesPerExpert} live leases of it, however fast they claim. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class LeaseCapClaimTest {

    @Inject
    AgroalDataSource db;

    final String lab = TestJwt.lab(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void shouldRefuseAClaimOverTheDefaultCapOfTwoUntilTheExpertReleasesOrSubmits() {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, null, 6);
        given().auth().oauth2(lab).get("/api/jobs/" + job).then().statusCode(200).body("maxLeasesPerExpert", equalTo(2));
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);

        String first = claim(expert, job).then().statusCode(200).extract().path("taskId");
        claim(expert, job).then().statusCode(200);
        claim(expert, job).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/lease-cap-reached")).body("maxLeasesPerExpert", equalTo(2)).body("held", equalTo(2))
                .body("jobId", equalTo(job.toString())).body("detail", containsString("releasing"));
        assertEquals(2, leased(expert, job));

        // releasing one frees a place
        given().auth().oauth2(TestJwt.expert(expert)).post("/api/tasks/" + first + "/release").then().statusCode(204);
        Response third = claim(expert, job);
        third.then().statusCode(200);
        claim(expert, job).then().statusCode(409);
        // so does submitting one
        String taskId = third.path("taskId");
        given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body(judgment(List.of("A", "B"), -2))
                .post("/api/tasks/" + taskId + "/judgment").then().statusCode(201);
        claim(expert, job).then().statusCode(200);
        claim(expert, job).then().statusCode(409);
        // and so does a lease running out
        Fixtures.update(db, "update task set lease_expires_at = now() - interval '1 minute' where expert_id = ? and job_id = ? "
                + "and state = 'LEASED'", expert, job);
        claim(expert, job).then().statusCode(200);
        assertEquals(1, leased(expert, job));
        // another expert is not held back by this one's cap
        UUID other = UUID.randomUUID();
        qualify(db, other, domain, 1);
        claim(other, job).then().statusCode(200);
    }

    @Test
    void shouldFallThroughToAnotherJobWhenNoJobIsNamedAndAnswer409OnlyWhenEveryJobLeftIsAtItsCap() {
        String domain = uniqueDomain();
        UUID a = publishedJob(domain, 1, 3);
        UUID b = publishedJob(domain, 1, 3);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);

        String firstJob = claimAny(expert).then().statusCode(200).extract().path("job.id");
        String secondJob = claimAny(expert).then().statusCode(200).extract().path("job.id");
        assertNotEquals(firstJob, secondJob, "the second claim falls through to the job under its cap");
        assertEquals(1, leased(expert, a));
        assertEquals(1, leased(expert, b));
        claimAny(expert).then().statusCode(409).body("type", endsWith("/lease-cap-reached")).body("maxLeasesPerExpert", equalTo(1));
        claim(expert, a).then().statusCode(409);
    }

    @Test
    void shouldNeverLetTwentyConcurrentClaimsOfOneExpertExceedTheCap() throws Exception {
        String domain = uniqueDomain();
        UUID job = publishedJob(domain, 3, 30);
        UUID expert = UUID.randomUUID();
        qualify(db, expert, domain, 1);
        for (int round = 0; round < 3; round++) {
            if (round > 0) {
                // the leases run out: the next round may take three again, never more
                Fixtures.update(db, "update task set lease_expires_at = now() - interval '1 minute' where expert_id = ? "
                        + "and state = 'LEASED'", expert);
            }
            List<Integer> statuses = ClaimResourceTest.claimAll(Collections.nCopies(20, expert), job);
            assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(17, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(3, count(db, "select count(*) from task where expert_id = ? and job_id = ? and state = 'LEASED' "
                    + "and lease_expires_at > now()", expert, job));
        }
        assertEquals(0, count(db, "select count(*) from (select slot_id from task where job_id = ? and state = 'LEASED' "
                + "and lease_expires_at > now() group by slot_id having count(*) > 1) x", job), "double assignments of a slot");
    }

    @Test
    void shouldRefuseACapOutsideItsBounds() {
        for (int cap : new int[] {0, 1001, -1}) {
            Map<String, Object> spec = job(uniqueDomain(), "PAIRWISE", 1);
            spec.put("maxLeasesPerExpert", cap);
            given().auth().oauth2(lab).contentType(ContentType.JSON).body(spec).post("/api/jobs").then().statusCode(400)
                    .body("type", endsWith("/validation")).body("violations[0].field", equalTo("maxLeasesPerExpert"));
        }
    }

    private UUID publishedJob(String domain, Integer cap, int items) {
        Map<String, Object> spec = job(domain, "PAIRWISE", 1);
        if (cap != null) {
            spec.put("maxLeasesPerExpert", cap);
        }
        UUID job = createJob(lab, spec);
        upload(lab, job, items(items, 2));
        publish(lab, job);
        return job;
    }

    private long leased(UUID expert, UUID job) {
        return count(db, "select count(*) from task where expert_id = ? and job_id = ? and state = 'LEASED' "
                + "and lease_expires_at > now()", expert, job);
    }

    private static Response claim(UUID expert, UUID job) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON)
                .body(Map.of("jobId", job.toString())).post("/api/tasks/claim");
    }

    private static Response claimAny(UUID expert) {
        return given().auth().oauth2(TestJwt.expert(expert)).contentType(ContentType.JSON).body("{}").post("/api/tasks/claim");
    }
}
